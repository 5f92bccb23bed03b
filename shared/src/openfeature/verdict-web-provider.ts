import type { EvaluationContext, JsonValue, Provider, ResolutionDetails } from '@openfeature/web-sdk';
import { VerdictProviderCore } from './verdict-resolution';

/**
 * Verdict for `@openfeature/web-sdk` (and so the React SDK): the same local evaluation as
 * `VerdictProvider`, synchronous as the web SDK wants it, against the static context the app
 * sets (`OpenFeature.setContext({ targetingKey })`), see docs/sdk.md. Use an sdk key: the
 * configuration it fetches names no unit in clear.
 *
 * A page asks for the same flags against the same context on every render, so each flag's
 * answer is kept until the context or the configuration changes. The first answer reported the
 * exposure; the evaluator would not report it again anyway.
 */
export class VerdictWebProvider extends VerdictProviderCore implements Provider {
  readonly runsOn = 'client' as const;
  private memo: { context: EvaluationContext; version: string | null; answers: Map<string, ResolutionDetails<string>> } | null = null;

  // Evaluation is local and needs nothing fetched per unit: a new context needs no work (the
  // answers kept are checked against the context of each call, which the SDK copies anew).
  onContextChange(): void {}

  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): ResolutionDetails<string> {
    const answers = this.answersFor(context);
    const kept = answers.get(flagKey);
    if (kept) return kept;
    const resolved = this.resolution.string(flagKey, defaultValue, context);
    // Errors carry the caller's default value: not kept.
    if (!resolved.errorCode) answers.set(flagKey, resolved);
    return resolved;
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): ResolutionDetails<boolean> {
    const resolved = this.resolveStringEvaluation(flagKey, '', context);
    return this.resolution.booleanOf(flagKey, resolved, defaultValue);
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return this.resolution.mismatch(flagKey, defaultValue);
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return this.resolution.mismatch(flagKey, defaultValue);
  }

  /** The answers kept for this context under the configuration in use, emptied when either changed. */
  private answersFor(context: EvaluationContext): Map<string, ResolutionDetails<string>> {
    const version = this.evaluator.version;
    if (this.memo === null || this.memo.version !== version || !sameContext(this.memo.context, context)) {
      this.memo = { context, version, answers: new Map() };
    }
    return this.memo.answers;
  }
}

/** The same keys with the same values (the SDK's copies share their values with the original). */
function sameContext(a: EvaluationContext, b: EvaluationContext): boolean {
  if (a === b) return true;
  let keys = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    keys++;
  }
  for (const _ in b) keys--;
  return keys === 0;
}
