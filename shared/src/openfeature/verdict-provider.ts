import type { EvaluationContext, JsonValue, Provider, ResolutionDetails } from '@openfeature/server-sdk';
import { VerdictProviderCore } from './verdict-resolution';

/**
 * Verdict for `@openfeature/server-sdk`: experiments evaluated in-process by the LocalEvaluator
 * (`OpenFeature.setProviderAndWait(new VerdictProvider({ baseUrl, apiKey }))`), see docs/sdk.md.
 */
export class VerdictProvider extends VerdictProviderCore implements Provider {
  readonly runsOn = 'server' as const;

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
}
