import type { EvaluationContext, JsonValue, Provider, ResolutionDetails, TrackingEventDetails } from '@openfeature/server-sdk';
import type { LocalEvaluator } from '../sdk/local-evaluator';
import { VerdictProviderOptions, VerdictResolution } from './verdict-resolution';

/**
 * Verdict for `@openfeature/server-sdk`: experiments evaluated in-process by the LocalEvaluator
 * (`OpenFeature.setProviderAndWait(new VerdictProvider({ baseUrl, apiKey }))`), see docs/sdk.md.
 */
export class VerdictProvider implements Provider {
  readonly metadata = { name: 'Verdict' } as const;
  readonly runsOn = 'server' as const;
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

  async resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    return this.resolution.string(flagKey, defaultValue, context);
  }

  async resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    return this.resolution.boolean(flagKey, defaultValue, context);
  }

  async resolveNumberEvaluation(flagKey: string, defaultValue: number): Promise<ResolutionDetails<number>> {
    return this.resolution.mismatch(flagKey, defaultValue);
  }

  async resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): Promise<ResolutionDetails<T>> {
    return this.resolution.mismatch(flagKey, defaultValue);
  }

  track(name: string, context: EvaluationContext, details: TrackingEventDetails): void {
    this.resolution.track(name, context, details);
  }
}
