import { alphaSplit } from '../stats/alpha-split';
import { significantMovement, type Movement } from '../stats/significance';
import type { VerdictStatus } from '../vocabularies';
import {
  alphaText,
  confidenceLevel,
  percent,
  percentInterval,
  points,
  pointsInterval,
  pStatement,
  settingPercent,
  signedPercent,
  signedPoints,
} from '../format/number-format';
import type { TreatmentVerdict, VerdictComparison, VerdictDecision, VerdictInput } from './verdict.types';

const FINAL: Record<VerdictStatus, boolean> = {
  running: false,
  blocked: false,
  validated: true,
  refuted: true,
  inconclusive: true,
};

/**
 * The verdict rule (docs/architecture.md) as one pure function over an analysis: blocked on a sample
 * ratio mismatch (inconclusive if a person stopped the experiment meanwhile); else validated
 * when a treatment moves the primary step significantly in the expected direction without
 * harming a guardrail; refuted when every treatment refutes; inconclusive at the final look
 * or when a person stopped it; else running. Never throws on odd numbers: missing or
 * non-finite values count as "no evidence".
 */
export function decideVerdict(input: VerdictInput): VerdictDecision {
  const decided = decideWithoutNote(input);
  if (decided.status === 'blocked') return decided;
  return { ...decided, reason: `${decided.reason}${cupedNote(input)}` };
}

/** Says when the primary step's figures are CUPED-adjusted, with the variance it removed. */
function cupedNote(input: VerdictInput): string {
  const primary = input.steps.find((s) => s.stepKey === input.primaryStepKey);
  const reductions = (primary?.comparisons ?? [])
    .map((c) => c.cuped?.varianceReduction)
    .filter((r): r is number => typeof r === 'number' && Number.isFinite(r));
  if (reductions.length === 0) return '';
  const least = Math.min(...reductions);
  // Below 0.05 % the figure would print as "−0.0 %": say plainly that nothing was removed.
  if (least < 0.0005) return ' CUPED was on, but behaviour before assignment removed no variance on the primary step.';
  return ` Adjusted with CUPED for behaviour before assignment (\u2212${percent(least)} variance on the primary step).`;
}

function decideWithoutNote(input: VerdictInput): VerdictDecision {
  const ctx = context(input);
  const treatments = input.treatmentKeys.map((key) => judgeTreatment(ctx, key));

  if (input.srm.flagged) {
    // A stopped experiment gets no more looks: a mismatch then ends it without a verdict.
    if (input.stopped) {
      return decision('inconclusive', `Stopped while the verdict was blocked. ${blockedReason(input)}`, null, treatments);
    }
    return decision('blocked', blockedReason(input), null, treatments);
  }

  const validating = treatments.filter((t) => t.outcome === 'validates');
  if (validating.length > 0) {
    const winner = pickWinner(ctx, validating);
    return decision('validated', validatedReason(ctx, winner, treatments), winner.variantKey, treatments);
  }

  if (treatments.length > 0 && treatments.every((t) => t.outcome === 'refutes')) {
    return decision('refuted', refutedReason(treatments), null, treatments);
  }

  if (input.finalLook || input.stopped) {
    return decision('inconclusive', inconclusiveReason(ctx, treatments), null, treatments);
  }
  return decision('running', runningReason(ctx, treatments), null, treatments);
}

interface Context {
  input: VerdictInput;
  guardrails: string[];
  primaryAlpha: number;
  guardrailAlpha: number;
  expected: Exclude<Movement, null>;
  ciLevel: string;
}

function context(input: VerdictInput): Context {
  const alphas =
    input.alphaSplit ??
    alphaSplit({
      alpha: input.alpha,
      treatments: input.treatmentKeys.length,
      primaryStepKey: input.primaryStepKey,
      guardrailStepKeys: input.guardrailStepKeys,
    });
  return {
    input,
    guardrails: alphas.guardrailStepKeys,
    primaryAlpha: alphas.primary,
    guardrailAlpha: alphas.guardrail,
    expected: input.direction === 'decrease' ? 'down' : 'up',
    ciLevel: confidenceLevel(input.alpha),
  };
}

function comparisonOf(input: VerdictInput, stepKey: string, variantKey: string): VerdictComparison | undefined {
  return input.steps.find((s) => s.stepKey === stepKey)?.comparisons.find((c) => c.variantKey === variantKey);
}

function movement(ctx: Context, comparison: VerdictComparison | undefined, testAlpha: number): Movement {
  if (!comparison) return null;
  return significantMovement({
    method: ctx.input.method,
    testAlpha,
    absoluteLift: comparison.absoluteLift,
    pValue: comparison.pValue,
    sequential: comparison.sequential,
    msprt: comparison.msprt,
    plannedSampleReached: comparison.plannedSampleReached,
  });
}

function judgeTreatment(ctx: Context, variantKey: string): TreatmentVerdict {
  const { input } = ctx;
  const primaryComparison = comparisonOf(input, input.primaryStepKey, variantKey);
  const primary = movement(ctx, primaryComparison, ctx.primaryAlpha);
  const harmedGuardrails = ctx.guardrails.filter(
    (step) => movement(ctx, comparisonOf(input, step, variantKey), ctx.guardrailAlpha) === 'down',
  );
  const validates = primary === ctx.expected && harmedGuardrails.length === 0;
  const against = primary !== null && primary !== ctx.expected;
  const tooSmallToMatter = input.finalLook && !validates && isShortOfMinimumEffect(ctx, primaryComparison);
  const refutes = !validates && (against || harmedGuardrails.length > 0 || tooSmallToMatter);
  const outcome = validates ? 'validates' : refutes ? 'refutes' : 'open';

  const verdict: TreatmentVerdict = { variantKey, outcome, primary, harmedGuardrails, tooSmallToMatter, summary: '' };
  verdict.summary = summarize(ctx, verdict, primaryComparison);
  return verdict;
}

/** The relative-lift interval lies entirely short of the minimum effect in the expected direction. */
function isShortOfMinimumEffect(ctx: Context, comparison: VerdictComparison | undefined): boolean {
  const ci = comparison?.ciRelative;
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return false;
  const m = ctx.input.minimumEffect;
  return ctx.input.direction === 'decrease' ? ci[0] > -m : ci[1] < m;
}

function pickWinner(ctx: Context, validating: TreatmentVerdict[]): TreatmentVerdict {
  const sign = ctx.expected === 'up' ? 1 : -1;
  const effect = (t: TreatmentVerdict) => {
    const c = comparisonOf(ctx.input, ctx.input.primaryStepKey, t.variantKey);
    const value = c ? (c.relativeLift ?? c.absoluteLift) : 0;
    return Number.isFinite(value) ? sign * value : -Infinity;
  };
  return validating.reduce((best, t) => (effect(t) > effect(best) ? t : best));
}

// ---- Reasons a PM can read -------------------------------------------------------------

/** "raised need_met by 12.4% (95% CI 6.1%–18.7%)" */
function effectPhrase(ctx: Context, stepKey: string, c: VerdictComparison): string {
  const verb = c.absoluteLift > 0 ? 'raised' : c.absoluteLift < 0 ? 'lowered' : 'did not change';
  if (c.relativeLift !== null && Number.isFinite(c.relativeLift)) {
    const by = c.absoluteLift === 0 ? '' : ` by ${percent(Math.abs(c.relativeLift))}`;
    return `${verb} ${stepKey}${by} (${ctx.ciLevel} CI ${percentInterval(c.ciRelative)})`;
  }
  const by = c.absoluteLift === 0 ? '' : ` by ${points(c.absoluteLift)}`;
  return `${verb} ${stepKey}${by} (${ctx.ciLevel} CI ${pointsInterval(c.ciAbsolute)})`;
}

/** "+3.1% (95% CI −0.5%–6.8%)" */
function liftWithInterval(ctx: Context, c: VerdictComparison): string {
  if (c.relativeLift !== null && Number.isFinite(c.relativeLift)) {
    return `${signedPercent(c.relativeLift)} (${ctx.ciLevel} CI ${percentInterval(c.ciRelative)})`;
  }
  return `${signedPoints(c.absoluteLift)} (${ctx.ciLevel} CI ${pointsInterval(c.ciAbsolute)})`;
}

/** "+3.1% on need_met (95% CI −0.5%–6.8%)" */
function shortEffect(ctx: Context, stepKey: string, c: VerdictComparison): string {
  const [lift, ...interval] = liftWithInterval(ctx, c).split(' (');
  return `${lift} on ${stepKey} (${interval.join(' (')}`;
}

function expectedLooks(look: number, fraction: number): number {
  if (!(fraction > 0) || fraction >= 1) return look;
  return Math.max(look, Math.round(look / fraction));
}

/** Why the movement counts: the method's evidence. */
function evidencePhrase(ctx: Context, c: VerdictComparison, testAlpha: number): string {
  switch (ctx.input.method) {
    case 'sequential': {
      const s = c.sequential;
      if (!s) return 'crossing the sequential boundary';
      if (s.informationFraction >= 1) return `crossing the sequential boundary at the final look (look ${s.look})`;
      return `crossing the sequential boundary at look ${s.look} of ~${expectedLooks(s.look, s.informationFraction)}`;
    }
    case 'msprt':
      return `${pStatement(c.msprt?.pValue, 'always-valid p')} < ${alphaText(testAlpha)}`;
    default:
      return `${pStatement(c.pValue)} < ${alphaText(testAlpha)} at the planned sample`;
  }
}

function guardrailPhrase(ctx: Context): string {
  return ctx.guardrails.length > 0 ? 'no guardrail worse' : 'no guardrails were set';
}

function harmPhrase(ctx: Context, t: TreatmentVerdict): string {
  const parts = t.harmedGuardrails.map((step) => {
    const c = comparisonOf(ctx.input, step, t.variantKey);
    return c ? `${step} ${liftWithInterval(ctx, c)}` : step;
  });
  const noun = parts.length > 1 ? 'guardrails' : 'guardrail';
  return `${t.variantKey} made ${noun} worse: ${parts.join(', ')}`;
}

function summarize(ctx: Context, t: TreatmentVerdict, c: VerdictComparison | undefined): string {
  const { input } = ctx;
  const primary = input.primaryStepKey;
  if (!c || !Number.isFinite(c.absoluteLift)) return `${t.variantKey} has no data on ${primary} yet`;
  if (t.outcome === 'validates') {
    return `${t.variantKey} ${effectPhrase(ctx, primary, c)}, ${evidencePhrase(ctx, c, ctx.primaryAlpha)}`;
  }
  if (t.outcome === 'refutes') {
    const reasons: string[] = [];
    if (t.primary !== null && t.primary !== ctx.expected) {
      reasons.push(
        `${t.variantKey} ${effectPhrase(ctx, primary, c)}, against the expected ${input.direction}, ` +
          evidencePhrase(ctx, c, ctx.primaryAlpha),
      );
    }
    if (t.harmedGuardrails.length > 0) reasons.push(harmPhrase(ctx, t));
    if (t.tooSmallToMatter) {
      reasons.push(
        `at the planned sample, ${t.variantKey} changed ${primary} by ${liftWithInterval(ctx, c)}: the whole interval is ` +
          `short of the ${settingPercent(input.minimumEffect)} minimum effect, so any effect is too small to matter`,
      );
    }
    return reasons.join('; ');
  }
  const yet = input.finalLook || input.stopped ? '' : ' yet';
  const stillPossible = isShortOfMinimumEffect(ctx, c)
    ? ''
    : `; a ${settingPercent(input.minimumEffect)} effect is still possible`;
  return `${t.variantKey} ${shortEffect(ctx, primary, c)}, not significant${yet}${stillPossible}`;
}

function blockedReason(input: VerdictInput): string {
  return (
    `Sample ratio mismatch: units are not split across variants as configured (chi-square ` +
    `${pStatement(input.srm.pValue)} < 0.001), so the comparison can't be trusted. Check assignment and ` +
    `exposure logging; no verdict until it is fixed.`
  );
}

function validatedReason(ctx: Context, winner: TreatmentVerdict, all: TreatmentVerdict[]): string {
  const { input } = ctx;
  let reason = `${winner.summary}; ${guardrailPhrase(ctx)}.`;
  const c = comparisonOf(input, input.primaryStepKey, winner.variantKey);
  const lift = c?.relativeLift;
  if (lift !== null && lift !== undefined && Number.isFinite(lift) && Math.abs(lift) < input.minimumEffect) {
    reason += ` The lift is smaller than the ${settingPercent(input.minimumEffect)} minimum effect, but the direction held.`;
  }
  const others = all.filter((t) => t.variantKey !== winner.variantKey);
  const alsoValid = others.filter((t) => t.outcome === 'validates');
  if (alsoValid.length > 0) {
    reason += ` Also validated, with a smaller effect: ${alsoValid.map((t) => t.variantKey).join(', ')}.`;
  }
  const harming = others.filter((t) => t.harmedGuardrails.length > 0);
  for (const t of harming) reason += ` Not chosen: ${harmPhrase(ctx, t)}.`;
  return reason;
}

function refutedReason(all: TreatmentVerdict[]): string {
  if (all.length === 1) return `${all[0].summary}.`;
  return `Every treatment refuted the hypothesis: ${all.map((t) => t.summary).join('; ')}.`;
}

function progressOf(ctx: Context): { fraction: number | null; look: number | null } {
  const { input } = ctx;
  const primary = input.steps.find((s) => s.stepKey === input.primaryStepKey);
  let fraction = input.progress !== undefined && Number.isFinite(input.progress) ? input.progress : null;
  let look: number | null = null;
  for (const c of primary?.comparisons ?? []) {
    const s = c.sequential;
    if (!s) continue;
    if (fraction === null || s.informationFraction > fraction) fraction = s.informationFraction;
    if (look === null || s.look > look) look = s.look;
  }
  return { fraction, look };
}

function inconclusiveReason(ctx: Context, all: TreatmentVerdict[]): string {
  const { fraction } = progressOf(ctx);
  const opening = ctx.input.finalLook
    ? 'The planned sample was reached without a decision'
    : `Stopped by a person before a decision${fraction !== null ? ` at ${percent(Math.min(1, fraction))} of the planned sample` : ''}`;
  if (all.length === 0) return `${opening}.`;
  return `${opening}: ${all.map((t) => (t.outcome === 'refutes' ? `refuted: ${t.summary}` : t.summary)).join('; ')}.`;
}

function runningReason(ctx: Context, all: TreatmentVerdict[]): string {
  const { fraction, look } = progressOf(ctx);
  let progress = 'Collecting evidence';
  if (fraction !== null) progress += `: ${percent(Math.min(1, fraction))} of the planned sample`;
  if (ctx.input.method === 'sequential' && look !== null && look > 0 && fraction !== null) {
    progress += ` (look ${look} of ~${expectedLooks(look, fraction)})`;
  }
  if (all.length === 0) return `${progress}.`;
  const parts = all.map((t) => (t.outcome === 'refutes' ? `refuted: ${t.summary}` : t.summary));
  return `${progress}. ${parts.join('. ')}.`;
}

function decision(
  status: VerdictStatus,
  reason: string,
  variantKey: string | null,
  treatments: TreatmentVerdict[],
): VerdictDecision {
  return { status, reason, variantKey, final: FINAL[status], treatments };
}
