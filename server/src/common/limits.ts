// The limits of the SDK routes (assignments, exposures, events), declared once.

/** Longest id an SDK sends: event ids, unit ids, experiment and variant keys. */
export const MAX_ID_LENGTH = 200;

/** Most items in one SDK batch (events or exposures). */
export const MAX_BATCH_ITEMS = 1000;

/** How far back an event or an exposure may be dated: an SDK may have queued it offline. */
export const MAX_BACKDATE_MS = 30 * 24 * 3600 * 1000;

/** How far ahead of the server's clock a date may be: a slightly fast client clock is not a lie. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
