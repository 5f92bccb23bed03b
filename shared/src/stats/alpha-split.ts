export interface AlphaSplitInput {
  /** The experiment's family alpha, e.g. 0.05. */
  alpha: number;
  /** Number of treatment variants compared with control. */
  treatments: number;
  primaryStepKey: string;
  /** As the hypothesis lists them: repeats and the primary step itself are ignored. */
  guardrailStepKeys: readonly string[];
}

export interface AlphaSplit {
  /** alpha/k for k treatments: the primary step and the steps that are only reported. */
  primary: number;
  /** alpha/g for g guardrails. */
  guardrail: number;
  /** The guardrails that count: distinct, without the primary step, in the given order. */
  guardrailStepKeys: string[];
  /** The test alpha of one step. */
  forStep(stepKey: string): number;
}

/**
 * The Bonferroni split of the experiment's alpha, the one rule both the comparisons and the
 * verdict use: alpha/k on the primary step (and on the steps only reported), alpha/g on each of
 * the g guardrails. k and g count at least 1.
 */
export function alphaSplit(input: AlphaSplitInput): AlphaSplit {
  const guardrailStepKeys = [...new Set(input.guardrailStepKeys)].filter((key) => key !== input.primaryStepKey);
  const k = Math.max(1, Math.floor(input.treatments));
  const g = Math.max(1, guardrailStepKeys.length);
  const primary = input.alpha / k;
  const guardrail = input.alpha / g;
  const guardrails = new Set(guardrailStepKeys);
  return {
    primary,
    guardrail,
    guardrailStepKeys,
    forStep: (stepKey) => (guardrails.has(stepKey) ? guardrail : primary),
  };
}
