import type { Attributes, Exposure, ExposuresResponse, SdkConfig, SdkExperimentConfig } from '../api';
import { assignVariant, Evaluation } from '../bucketing/assign-variant';
import { hashUnitId, unitIdTag } from '../bucketing/unit-id-hash';
import { Batcher } from './batcher';
import { batchingOf, onPageHide, VerdictClient, VerdictClientOptions } from './client';

export interface LocalEvaluatorOptions extends VerdictClientOptions {
  /** How often to re-fetch `/sdk/config` (with If-None-Match). Default 30 s; 0: never. */
  refreshIntervalMs?: number;
  /** Report local assignments to the server (POST /exposures). Default true. */
  trackExposures?: boolean;
}

/** An exposure as queued: the time stays a number until the batch is sent (cheaper per call). */
type QueuedExposure = Omit<Exposure, 'assignedAt'> & { at: number };

const NOT_RUNNING: Evaluation = { inExperiment: false, variantKey: null, reason: 'not_running' };
// Units already reported this session (per experiment); bounded so memory stays flat.
const MAX_REMEMBERED_EXPOSURES = 100_000;

/**
 * Local evaluation: fetches the running experiments once (then refreshes with ETags) and
 * assigns units in-process with the server's own bucketing (`assignVariant`), so a call costs
 * microseconds. First exposures are queued and reported to the server, which re-checks and
 * records them; step events go through `track()` as with `VerdictClient`.
 *
 * A unit whose attributes changed may be evaluated differently here than the server's sticky
 * record says: the server keeps the first variant and rejects the conflicting exposure.
 */
export class LocalEvaluator extends VerdictClient {
  private experiments = new Map<string, SdkExperimentConfig>();
  private salt: string | null = null;
  private tags = new Set<number>();
  // Experiments with forced variants or focus-group members: only these need the unit's hash.
  private listing = new WeakSet<SdkExperimentConfig>();
  private etag: string | null = null;
  private loaded: Promise<void> | null = null;
  private readonly refreshTimer: ReturnType<typeof setInterval> | null = null;
  private readonly exposures: Batcher<QueuedExposure> | null;
  private readonly reported = new Set<string>();
  private readonly onError: (error: unknown) => void;
  private readonly changeListeners = new Set<(changedKeys: string[]) => void>();
  private readonly detachExposurePageHide: () => void;

  constructor(options: LocalEvaluatorOptions) {
    super(options);
    const { maxRetries, ...batching } = batchingOf(options);
    this.onError = batching.onError;
    this.exposures =
      options.trackExposures === false
        ? null
        : new Batcher<QueuedExposure>({
            ...batching,
            send: async (queued, keepalive) => {
              const exposures: Exposure[] = queued.map(({ at, ...exposure }) => ({
                ...exposure,
                assignedAt: new Date(at).toISOString(),
              }));
              const { body } = await this.transport.request<ExposuresResponse>('POST', '/exposures', {
                body: { exposures },
                retries: maxRetries,
                keepalive,
              });
              if (body?.rejected?.length) {
                this.onError(new Error(`Verdict SDK: ${body.rejected.length} exposure(s) rejected: ${body.rejected[0].reason}`));
              }
            },
          });
    this.detachExposurePageHide = onPageHide(() => void this.exposures?.flush(true));
    const every = options.refreshIntervalMs ?? 30_000;
    if (every > 0) {
      this.refreshTimer = setInterval(() => void this.refresh().catch(this.onError), every);
      (this.refreshTimer as { unref?: () => void }).unref?.();
    }
  }

  /** Resolves once the configuration has been fetched (or loaded) the first time (rejects if the fetch fails). */
  ready(): Promise<void> {
    if (!this.loaded) {
      this.loaded = this.refresh();
      this.loaded.catch(() => (this.loaded = null));
    }
    return this.loaded;
  }

  /** Re-fetches the configuration; a 304 keeps the current one. */
  async refresh(): Promise<void> {
    const headers: Record<string, string> = this.etag ? { 'if-none-match': this.etag } : {};
    const result = await this.transport.request<SdkConfig>('GET', '/sdk/config', { headers, retries: 2 });
    if (result.status === 304) return;
    this.load(result.body, result.headers.get('etag'));
  }

  /** Uses a configuration obtained elsewhere (tests, server-side rendering, a bootstrap payload). */
  load(config: SdkConfig, etag: string | null = null): void {
    const previous = this.etag === null ? null : this.experiments;
    this.experiments = new Map(config.experiments.map((experiment) => [experiment.key, experiment]));
    // A configuration without a salt (from a server older than hashed ids) lists ids in clear.
    this.salt = config.configSalt ?? null;
    this.tags = new Set(config.unitIdTags ?? []);
    this.listing = new WeakSet(
      config.experiments.filter(
        (e) => Object.keys(e.forcedVariants).length > 0 || e.targeting.some((cohort) => cohort.members.length > 0),
      ),
    );
    this.etag = etag ?? `"${config.version}"`;
    // A configuration given directly (a bootstrap payload) makes the evaluator ready at once.
    this.loaded ??= Promise.resolve();
    if (previous) this.announceChanges(previous);
  }

  /**
   * Calls `listener` with the keys of the experiments that a reloaded configuration added,
   * removed or changed (not on the first load). Returns the function that unsubscribes it.
   */
  onConfigurationChange(listener: (changedKeys: string[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** The experiment as the configuration lists it (running or paused), or undefined. */
  experiment(experimentKey: string): SdkExperimentConfig | undefined {
    return this.experiments.get(experimentKey);
  }

  /** Hands a failure to the `onError` option (default: console.warn). */
  reportError(error: unknown): void {
    this.onError(error);
  }

  private announceChanges(previous: Map<string, SdkExperimentConfig>): void {
    if (this.changeListeners.size === 0) return;
    const keys = new Set([...previous.keys(), ...this.experiments.keys()]);
    const changed = [...keys].filter((key) => JSON.stringify(previous.get(key)) !== JSON.stringify(this.experiments.get(key)));
    if (changed.length === 0) return;
    for (const listener of this.changeListeners) {
      try {
        listener(changed);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** The configuration version in use, or null before the first load. */
  get version(): string | null {
    return this.etag;
  }

  /**
   * The unit's variant, computed locally and synchronously. An experiment the configuration
   * does not list (not running, unknown, or before `ready()`) gives `not_running`.
   */
  evaluate(experimentKey: string, unitId: string, attributes: Attributes = {}): Evaluation {
    const experiment = this.experiments.get(experimentKey);
    if (!experiment) return NOT_RUNNING;
    const listedId = this.listing.has(experiment) ? this.listedId(unitId) : null;
    const evaluation = assignVariant(experiment, unitId, attributes, listedId);
    if (evaluation.inExperiment && this.exposures) this.expose(experimentKey, unitId, evaluation.variantKey, attributes);
    return evaluation;
  }

  /**
   * The unit as the configuration's forced variants and focus groups name it: its hash, or
   * null when its tag shows it is listed nowhere (the usual case, which costs no SHA-256).
   */
  private listedId(unitId: string): string | null {
    if (this.salt === null) return unitId;
    if (this.tags.size === 0 || !this.tags.has(unitIdTag(this.salt, unitId))) return null;
    return hashUnitId(this.salt, unitId);
  }

  private expose(experimentKey: string, unitId: string, variantKey: string, attributes: Attributes): void {
    const key = `${experimentKey}\u0000${unitId}`;
    if (this.reported.has(key)) return;
    if (this.reported.size >= MAX_REMEMBERED_EXPOSURES) this.reported.clear();
    this.reported.add(key);
    this.exposures!.add({ experimentKey, unitId, variantKey, attributes, at: Date.now() });
  }

  protected override async flushAll(keepalive: boolean): Promise<void> {
    await Promise.all([super.flushAll(keepalive), this.exposures?.flush(keepalive)]);
  }

  protected override async closeAll(): Promise<void> {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.detachExposurePageHide();
    await Promise.all([super.closeAll(), this.exposures?.close()]);
  }
}
