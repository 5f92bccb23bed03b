import { analyse, computeResults } from './analyse';
import type { VerdictResult } from '../verdict/verdict.types';
import type { AnalysisCounts, AnalysisPlan, SequentialState } from './analysis.types';

const plan = (overrides: Partial<AnalysisPlan> = {}): AnalysisPlan => ({
  method: 'sequential',
  alpha: 0.05,
  plannedSampleSize: 900,
  baselineRate: 0.2,
  variants: [
    { key: 'control', weight: 0.5, control: true },
    { key: 'treatment', weight: 0.5, control: false },
  ],
  primaryStepKey: 'signup',
  guardrailStepKeys: ['paid'],
  expectedDirection: 'increase',
  minimumEffect: 0.1,
  ...overrides,
});

const STEPS = [{ key: 'visit' }, { key: 'signup' }, { key: 'paid' }];

/** Both arms with `units` units; reached counts per step and arm. */
function metrics(units: number, reached: Record<string, [number, number]>): AnalysisCounts {
  const steps: AnalysisCounts['steps'] = {};
  for (const step of STEPS) {
    const [c, t] = reached[step.key] ?? [0, 0];
    steps[step.key] = {
      control: { units, reached: c, deviated: Math.floor(c / 10) },
      treatment: { units, reached: t, deviated: Math.floor(t / 10) },
    };
  }
  return { units: { control: units, treatment: units }, firstAssignedAt: new Date('2026-01-01T00:00:00Z'), steps };
}

const asOf = new Date('2026-01-11T00:00:00Z');

describe('the Bonferroni split of an analysis', () => {
  const three = plan({
    variants: [
      { key: 'c', weight: 0.25, control: true },
      { key: 'a', weight: 0.25, control: false },
      { key: 'b', weight: 0.25, control: false },
      { key: 'd', weight: 0.25, control: false },
    ],
    guardrailStepKeys: ['paid', 'visit'],
  });

  it('splits alpha by treatments on the primary and reported steps, by guardrails on guardrails', () => {
    const split = computeResults(three, STEPS, metrics(10, {}), null, asOf).alphaSplit;
    expect(split.forStep('signup')).toBeCloseTo(0.05 / 3, 12);
    expect(split.forStep('paid')).toBeCloseTo(0.05 / 2, 12);
    expect(split.forStep('visit')).toBeCloseTo(0.05 / 2, 12);
    expect(split.forStep('other')).toBeCloseTo(0.05 / 3, 12);
  });

  // A sequential boundary is computed at the step's test alpha: a single look at t = 1 has the
  // two-sided boundary z_{1 − α/2} (α/2 spent per side), so the reported bound shows the split.
  it('tests each step at its split alpha', () => {
    const m = metrics(900, {});
    m.units = { c: 900, a: 900, b: 900, d: 900 };
    for (const step of STEPS) {
      m.steps[step.key] = Object.fromEntries(['c', 'a', 'b', 'd'].map((key) => [key, { units: 900, reached: 180, deviated: 0 }]));
    }
    const computed = computeResults(three, STEPS, m, null, asOf);
    const bound = (stepIndex: number) => computed.steps[stepIndex].comparisons[0].sequential!.upperBound;
    // Normal quantiles (Python: statistics.NormalDist().inv_cdf): 1 − 0.05/3/2 → 2.393980, 1 − 0.05/2/2 → 2.241403.
    expect(bound(1)).toBeCloseTo(2.39398, 4);
    expect(bound(2)).toBeCloseTo(2.241403, 4);
    expect(bound(0)).toBeCloseTo(2.241403, 4);
  });

  it('counts a repeated guardrail once, in the comparisons and in the verdict alike', () => {
    const repeated = plan({ guardrailStepKeys: ['paid', 'paid', 'signup'] });
    const computed = computeResults(repeated, STEPS, metrics(300, {}), null, asOf);
    expect(computed.alphaSplit.guardrailStepKeys).toEqual(['paid']);
    expect(computed.alphaSplit.forStep('paid')).toBe(0.05);
  });
});

describe('computeResults', () => {
  it('reports rates, step-through and deviation rates from the counts', () => {
    const computed = computeResults(plan(), STEPS, metrics(300, { visit: [240, 250], signup: [60, 90], paid: [30, 30] }), null, asOf);
    const signup = computed.steps[1];
    expect(signup.variants[1]).toEqual({
      variantKey: 'treatment',
      units: 300,
      reached: 90,
      deviated: 9,
      rate: 0.3,
      stepThroughRate: 90 / 250,
      deviationRate: 0.03,
    });
    expect(computed.steps[0].variants[0].stepThroughRate).toBeNull();
    expect(computed.steps[1].comparisons[0].absoluteLift).toBeCloseTo(0.1, 12);
    expect(computed.steps[1].comparisons[0].relativeLift).toBeCloseTo(0.5, 12);
    expect(computed.progress).toMatchObject({ fraction: 300 / 900, plannedSampleSize: 900 });
    // 300 of 900 per arm in 10 days: 600 more take 20 more days at that rate.
    expect(computed.progress.expectedDate).toBe('2026-01-31T00:00:00.000Z');
    expect(computed.finalLook).toBe(false);
  });

  // Three equally spaced looks at alpha = 0.05 with O'Brien-Fleming-type spending have the
  // boundaries 3.710, 2.511, 1.993 (Jennison & Turnbull, "Group Sequential Methods", 2000,
  // Table 2.3 for the Lan-DeMets OBF spending function; docs/statistics.md).
  it('carries the looks from one analysis to the next so that boundaries cover every look', () => {
    const counts = [300, 600, 900].map((n) => metrics(n, { visit: [n / 2, n / 2], signup: [n / 5, n / 5 + n / 60] }));
    let state: SequentialState | null = null;
    const bounds: number[] = [];
    for (const m of counts) {
      const computed = computeResults(plan({ guardrailStepKeys: [] }), STEPS, m, state, asOf);
      const sequential = computed.steps[1].comparisons[0].sequential!;
      bounds.push(sequential.upperBound);
      expect(sequential.lowerBound).toBe(-sequential.upperBound);
      state = computed.sequentialState;
    }
    expect(bounds[0]).toBeCloseTo(3.71, 2);
    expect(bounds[1]).toBeCloseTo(2.511, 2);
    expect(bounds[2]).toBeCloseTo(1.993, 2);
    expect(state!.signup.treatment.looks.map((look) => look.informationFraction)).toEqual([1 / 3, 2 / 3, 1]);
  });

  it('adds no look when the information fraction did not grow, and judges against the previous boundary', () => {
    const first = computeResults(plan(), STEPS, metrics(300, { signup: [60, 70] }), null, asOf);
    const again = computeResults(plan(), STEPS, metrics(300, { signup: [60, 75] }), first.sequentialState, asOf);
    const before = first.steps[1].comparisons[0].sequential!;
    const after = again.steps[1].comparisons[0].sequential!;
    expect(after.look).toBe(1);
    expect(after.upperBound).toBe(before.upperBound);
    expect(after.z).toBeGreaterThan(before.z);
    expect(again.sequentialState.signup.treatment.looks).toHaveLength(1);
  });

  it('marks the final look when every treatment reached the planned sample on the primary step', () => {
    const computed = computeResults(plan(), STEPS, metrics(900, { signup: [180, 270] }), null, asOf);
    expect(computed.finalLook).toBe(true);
    expect(computed.progress.fraction).toBe(1);
    expect(computed.progress.expectedDate).toBe(asOf.toISOString());
    expect(computed.verdictSteps[1].comparisons[0]).toMatchObject({ variantKey: 'treatment', plannedSampleReached: true });
    expect(computed.steps[1].comparisons[0].significant).toBe(true);
  });

  it('adjusts the fixed-horizon p-values by Holm across the treatments of a step', () => {
    const threeArms = plan({
      variants: [
        { key: 'control', weight: 1 / 3, control: true },
        { key: 'a', weight: 1 / 3, control: false },
        { key: 'b', weight: 1 / 3, control: false },
      ],
    });
    const m = metrics(1000, {});
    m.units = { control: 1000, a: 1000, b: 1000 };
    for (const step of STEPS) {
      m.steps[step.key] = {
        control: { units: 1000, reached: 200, deviated: 0 },
        a: { units: 1000, reached: 235, deviated: 0 },
        b: { units: 1000, reached: 215, deviated: 0 },
      };
    }
    const [a, b] = computeResults(threeArms, STEPS, m, null, asOf).steps[1].comparisons;
    // Holm for two p-values: the smaller times 2, the larger times 1 but never below the first.
    const [low, high] = a.pValue < b.pValue ? [a, b] : [b, a];
    expect(low.adjustedPValue).toBeCloseTo(Math.min(1, 2 * low.pValue), 12);
    expect(high.adjustedPValue).toBeCloseTo(Math.max(Math.min(1, 2 * low.pValue), high.pValue), 12);
    expect(a.pValue).toBeLessThan(b.pValue);
  });

  it('tests by the experiment\'s method: fixed waits for the planned sample, mSPRT reports its always-valid p', () => {
    const early = metrics(300, { signup: [60, 150] });
    const fixedEarly = computeResults(plan({ method: 'fixed' }), STEPS, early, null, asOf).steps[1].comparisons[0];
    expect(fixedEarly.pValue).toBeLessThan(1e-6);
    expect(fixedEarly.significant).toBe(false);
    expect(fixedEarly.sequential).toBeNull();
    const fixedDone = computeResults(plan({ method: 'fixed' }), STEPS, metrics(900, { signup: [180, 450] }), null, asOf);
    expect(fixedDone.steps[1].comparisons[0].significant).toBe(true);

    const always = computeResults(plan({ method: 'msprt' }), STEPS, early, null, asOf);
    const comparison = always.steps[1].comparisons[0];
    expect(comparison.msprt!.pValue).toBeLessThan(0.05);
    expect(comparison.significant).toBe(true);
    // The running minimum is carried to the next analysis.
    expect(always.sequentialState.signup.treatment.msprtPValue).toBe(comparison.msprt!.pValue);
  });

  it('flags a sample-ratio mismatch from the units per variant', () => {
    const m = metrics(500, { signup: [100, 100] });
    m.units = { control: 600, treatment: 400 };
    expect(computeResults(plan(), STEPS, m, null, asOf).srm.flagged).toBe(true);
  });

  it('refuses an experiment without a control', () => {
    const noControl = plan({
      variants: [
        { key: 'a', weight: 0.5, control: false },
        { key: 'b', weight: 0.5, control: false },
      ],
    });
    expect(() => computeResults(noControl, STEPS, metrics(10, {}), null, asOf)).toThrow(/control/);
  });
});

describe('analyse', () => {
  const counts = () => metrics(900, { signup: [180, 270], paid: [90, 90] });

  it('gives the verdict of the counts, from the same comparisons it reports', () => {
    const output = analyse({ plan: plan(), steps: STEPS, counts: counts(), previous: null, asOf, stopped: false });
    expect(output.postDecision).toBe(false);
    expect(output.verdict).toMatchObject({ status: 'validated', variantKey: 'treatment', final: true });
    expect(output.verdict.reason).toMatch(/^treatment raised signup by 50\.0% \(95% CI /);
    expect(output.steps[1].comparisons[0].significant).toBe(true);
  });

  it('makes what a person stopped undecided inconclusive', () => {
    const early = metrics(300, { signup: [60, 62] });
    const running = analyse({ plan: plan(), steps: STEPS, counts: early, previous: null, asOf, stopped: false });
    expect(running.verdict.status).toBe('running');
    const stopped = analyse({ plan: plan(), steps: STEPS, counts: early, previous: null, asOf, stopped: true });
    expect(stopped.verdict).toMatchObject({ status: 'inconclusive', final: true });
  });

  const after = (verdict: VerdictResult) =>
    analyse({ plan: plan(), steps: STEPS, counts: counts(), previous: { sequentialState: null, verdict }, asOf, stopped: false });

  it('keeps a final verdict once reached: later analyses are post-decision evidence', () => {
    const decided = { status: 'refuted' as const, reason: 'treatment lowered signup', variantKey: null, final: true };
    const output = after(decided);
    expect(output.postDecision).toBe(true);
    expect(output.verdict).toBe(decided);
    expect(output.steps[1].comparisons[0].absoluteLift).toBeCloseTo(0.1, 12);
  });

  it('decides again after a verdict that was not final', () => {
    const output = after({ status: 'blocked', reason: 'Sample ratio mismatch', variantKey: null, final: false });
    expect(output.postDecision).toBe(false);
    expect(output.verdict.status).toBe('validated');
  });
});
