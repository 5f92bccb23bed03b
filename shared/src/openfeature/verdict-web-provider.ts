import type { EvaluationContext, JsonValue, Provider, ResolutionDetails } from '@openfeature/web-sdk';
import { VerdictProviderCore } from './verdict-resolution';

/**
 * Verdict for `@openfeature/web-sdk` (and so the React SDK): the same local evaluation as
 * `VerdictProvider`, synchronous as the web SDK wants it, against the static context the app
 * sets (`OpenFeature.setContext({ targetingKey })`), see docs/sdk.md. Use an sdk key: the
 * configuration it fetches names no unit in clear.
 */
export class VerdictWebProvider extends VerdictProviderCore implements Provider {
  readonly runsOn = 'client' as const;

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
}
