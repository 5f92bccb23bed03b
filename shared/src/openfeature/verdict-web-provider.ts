import type { EvaluationContext, JsonValue, Provider, ResolutionDetails, TrackingEventDetails } from '@openfeature/web-sdk';
import type { LocalEvaluator } from '../sdk/local-evaluator';
import { VerdictProviderOptions, VerdictResolution } from './verdict-resolution';

/**
 * Verdict for `@openfeature/web-sdk` (and so the React SDK): the same local evaluation as
 * `VerdictProvider`, synchronous as the web SDK wants it, against the static context the app
 * sets (`OpenFeature.setContext({ targetingKey })`), see docs/sdk.md. Use an sdk key: the
 * configuration it fetches names no unit in clear.
 */
export class VerdictWebProvider implements Provider {
  readonly metadata = { name: 'Verdict' } as const;
  readonly runsOn = 'client' as const;
  private readonly resolution: VerdictResolution;

  constructor(options: VerdictProviderOptions) {
    this.resolution = new VerdictResolution(options);
  }

  get events() {
    return this.resolution.events;
  }

  /** The evaluator underneath (its `flush()`, `version`, or `evaluate()` directly). */
  get evaluator(): LocalEvaluator {
    return this.resolution.evaluator;
  }

  initialize(): Promise<void> {
    return this.resolution.initialize();
  }

  onClose(): Promise<void> {
    return this.resolution.close();
  }

  // Evaluation is local and needs nothing fetched per unit: a new context needs no work.
  onContextChange(): void {}

  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): ResolutionDetails<string> {
    return this.resolution.string(flagKey, defaultValue, context);
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): ResolutionDetails<boolean> {
    return this.resolution.boolean(flagKey, defaultValue, context);
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return this.resolution.mismatch(flagKey, defaultValue);
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return this.resolution.mismatch(flagKey, defaultValue);
  }

  track(name: string, context: EvaluationContext, details: TrackingEventDetails): void {
    this.resolution.track(name, context, details);
  }
}
