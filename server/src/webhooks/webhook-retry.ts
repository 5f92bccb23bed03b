/** Waits before attempts 2..8: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h. */
export const RETRY_DELAYS_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000] as const;
/** The first try plus one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * The delay before the next attempt, after `attemptsMade` attempts failed (BullMQ's custom
 * backoff strategy receives that count, starting at 1). `scale` shrinks the schedule in tests.
 */
export function retryDelayMs(attemptsMade: number, scale = 1): number {
  const index = Math.min(Math.max(attemptsMade, 1), RETRY_DELAYS_MS.length) - 1;
  return Math.round(RETRY_DELAYS_MS[index] * scale);
}
