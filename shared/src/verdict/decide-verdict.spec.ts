import type { SequentialLook } from '../stats/compare-step';
import { decideVerdict } from './decide-verdict';
import type { VerdictComparison, VerdictInput } from './verdict.types';

// Builders: a comparison with a relative lift r and its interval; the sequential look is
// crossed upward (z ≥ bound), downward, or not at all.
function comparison(
  variantKey: string,
  r: number,
  ci: [number, number],
  options: { z?: number; pValue?: number; msprtP?: number; reached?: boolean; look?: number; t?: number } = {},
): VerdictComparison {
  const sequential: SequentialLook = {
    look: options.look ?? 5,
    informationFraction: options.t ?? 5 / 14,
    z: options.z ?? 0,
    upperBound: 2.9,
    lowerBound: -2.9,
    alphaSpent: 0.004,
  };
  return {
    variantKey,
    absoluteLift: r * 0.2,
    relativeLift: r,
    ciAbsolute: [ci[0] * 0.2, ci[1] * 0.2],
    ciRelative: ci,
    pValue: options.pValue ?? 0.5,
    sequential,
    msprt: { pValue: options.msprtP ?? 1, ciAbsolute: [-0.1, 0.1] },
    plannedSampleReached: options.reached ?? false,
  };
}

function input(overrides: Partial<VerdictInput> = {}): VerdictInput {
  return {
    method: 'sequential',
    alpha: 0.05,
    direction: 'increase',
    minimumEffect: 0.05,
    primaryStepKey: 'need_met',
    guardrailStepKeys: ['checkout'],
    controlKey: 'control',
    treatmentKeys: ['treatment'],
    steps: [
      { stepKey: 'need_met', comparisons: [comparison('treatment', 0.124, [0.061, 0.187], { z: 3.4 })] },
      { stepKey: 'checkout', comparisons: [comparison('treatment', 0.01, [-0.02, 0.04], { z: 0.5 })] },
    ],
    srm: { pValue: 0.4, flagged: false },
    finalLook: false,
    stopped: false,
    ...overrides,
  };
}

describe('decideVerdict', () => {
  it('says when the primary step is CUPED-adjusted, with the variance removed', () => {
    const adjusted = { ...comparison('treatment', 0.124, [0.061, 0.187], { z: 3.4 }), cuped: { theta: 0.4, varianceReduction: 0.382 } };
    const verdict = decideVerdict(input({ steps: [{ stepKey: 'need_met', comparisons: [adjusted] }] }));
    expect(verdict.status).toBe('validated');
    expect(verdict.reason).toMatch(/ Adjusted with CUPED for behaviour before assignment \(\u221238\.2% variance on the primary step\)\.$/);
    // No behaviour before assignment: CUPED removed nothing, and the reason says so rather than "−0.0%".
    const none = { ...adjusted, cuped: { theta: 0, varianceReduction: 0 } };
    const plain = decideVerdict(input({ steps: [{ stepKey: 'need_met', comparisons: [none] }] }));
    expect(plain.reason).toMatch(/ CUPED was on, but behaviour before assignment removed no variance on the primary step\.$/);
    // Without CUPED figures nothing is said (the reason of the first case below is unchanged).
    expect(decideVerdict(input()).reason).not.toMatch(/CUPED/);
  });

  it('validates when the primary step crosses the boundary in the expected direction, with a PM-readable reason', () => {
    const verdict = decideVerdict(input());
    if (process.env.SHOW) console.log(verdict.reason);
    expect(verdict.status).toBe('validated');
    expect(verdict.variantKey).toBe('treatment');
    expect(verdict.final).toBe(true);
    expect(verdict.reason).toBe(
      'treatment raised need_met by 12.4% (95% CI 6.1%–18.7%), crossing the sequential boundary at look 5 of ~14; no guardrail worse.',
    );
  });

  it('blocks on a sample ratio mismatch before anything else', () => {
    const verdict = decideVerdict(input({ srm: { pValue: 0.00002, flagged: true } }));
    if (process.env.SHOW) console.log(verdict.reason);
    expect(verdict.status).toBe('blocked');
    expect(verdict.final).toBe(false);
    expect(verdict.variantKey).toBeNull();
    expect(verdict.reason).toMatch(/^Sample ratio mismatch/);
    expect(verdict.reason).toContain('(chi-square p < 0.0001 < 0.001)');
    const significantAnyway = decideVerdict(input({ srm: { pValue: 0.00002, flagged: true }, finalLook: true }));
    expect(significantAnyway.status).toBe('blocked');
  });

  it('ends a stopped experiment with a sample ratio mismatch as inconclusive', () => {
    const verdict = decideVerdict(input({ srm: { pValue: 0.0004, flagged: true }, stopped: true }));
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.final).toBe(true);
    expect(verdict.reason).toMatch(/^Stopped while the verdict was blocked\. Sample ratio mismatch/);
  });

  it('refutes a treatment that harms a guardrail even when the primary step validates', () => {
    const verdict = decideVerdict(
      input({
        steps: [
          { stepKey: 'need_met', comparisons: [comparison('treatment', 0.124, [0.061, 0.187], { z: 3.4 })] },
          { stepKey: 'checkout', comparisons: [comparison('treatment', -0.08, [-0.12, -0.04], { z: -3.1 })] },
        ],
      }),
    );
    if (process.env.SHOW) console.log(verdict.reason);
    expect(verdict.status).toBe('refuted');
    expect(verdict.final).toBe(true);
    expect(verdict.reason).toBe('treatment made guardrail worse: checkout −8.0% (95% CI −12.0% to −4.0%).');
    expect(verdict.treatments[0].harmedGuardrails).toEqual(['checkout']);
  });

  it('refutes when the primary step moves significantly against the expected direction', () => {
    const verdict = decideVerdict(
      input({
        steps: [{ stepKey: 'need_met', comparisons: [comparison('treatment', -0.1, [-0.15, -0.05], { z: -3 })] }],
      }),
    );
    if (process.env.SHOW) console.log(verdict.reason);
    expect(verdict.status).toBe('refuted');
    expect(verdict.reason).toContain('lowered need_met by 10.0%');
    expect(verdict.reason).toContain('against the expected increase');
  });

  it('keeps running, with progress, while nothing is significant', () => {
    const verdict = decideVerdict(
      input({
        steps: [{ stepKey: 'need_met', comparisons: [comparison('treatment', 0.031, [-0.005, 0.068], { z: 1.2 })] }],
      }),
    );
    if (process.env.SHOW) console.log(verdict.reason);
    expect(verdict.status).toBe('running');
    expect(verdict.final).toBe(false);
    expect(verdict.reason).toMatch(/^Collecting evidence: 35\.7% of the planned sample \(look 5 of ~14\)\./);
    expect(verdict.reason).toContain('treatment +3.1% on need_met (95% CI −0.5%–6.8%), not significant yet; a 5% effect is still possible.');
  });

  it('refutes at the final look when the whole interval is short of the minimum effect', () => {
    const verdict = decideVerdict(
      input({
        finalLook: true,
        steps: [
          { stepKey: 'need_met', comparisons: [comparison('treatment', 0.01, [-0.02, 0.04], { z: 0.7, t: 1, look: 14 })] },
        ],
      }),
    );
    if (process.env.SHOW) console.log(verdict.reason);
    expect(verdict.status).toBe('refuted');
    expect(verdict.treatments[0].tooSmallToMatter).toBe(true);
    expect(verdict.reason).toContain('too small to matter');
  });

  it('is inconclusive at the final look when the interval still includes the minimum effect', () => {
    const verdict = decideVerdict(
      input({
        finalLook: true,
        steps: [
          { stepKey: 'need_met', comparisons: [comparison('treatment', 0.02, [-0.01, 0.06], { z: 1.1, t: 1, look: 14 })] },
        ],
      }),
    );
    if (process.env.SHOW) console.log(verdict.reason);
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.final).toBe(true);
    expect(verdict.reason).toMatch(/^The planned sample was reached without a decision/);
  });

  it('is inconclusive when a person stops it before a decision', () => {
    const verdict = decideVerdict(
      input({
        stopped: true,
        steps: [{ stepKey: 'need_met', comparisons: [comparison('treatment', 0.02, [-0.01, 0.06], { z: 1.1 })] }],
      }),
    );
    if (process.env.SHOW) console.log(verdict.reason);
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.reason).toMatch(/^Stopped by a person before a decision at 35\.7% of the planned sample/);
  });

  it('picks the treatment with the largest effect and names a harming one', () => {
    const verdict = decideVerdict(
      input({
        treatmentKeys: ['a', 'b', 'c'],
        steps: [
          {
            stepKey: 'need_met',
            comparisons: [
              comparison('a', 0.08, [0.02, 0.14], { z: 3.5 }),
              comparison('b', 0.15, [0.08, 0.22], { z: 4.2 }),
              comparison('c', 0.2, [0.1, 0.3], { z: 5 }),
            ],
          },
          {
            stepKey: 'checkout',
            comparisons: [
              comparison('a', 0, [-0.02, 0.02]),
              comparison('b', 0.01, [-0.02, 0.04]),
              comparison('c', -0.09, [-0.14, -0.04], { z: -3.3 }),
            ],
          },
        ],
      }),
    );
    expect(verdict.status).toBe('validated');
    expect(verdict.variantKey).toBe('b');
    expect(verdict.reason).toMatch(/^b raised need_met by 15\.0%/);
    expect(verdict.reason).toContain('Also validated, with a smaller effect: a.');
    expect(verdict.reason).toContain('Not chosen: c made guardrail worse: checkout −9.0%');
    expect(verdict.treatments.map((t) => t.outcome)).toEqual(['validates', 'validates', 'refutes']);
  });

  it('says when a validated lift is smaller than the minimum effect', () => {
    const verdict = decideVerdict(
      input({
        steps: [{ stepKey: 'need_met', comparisons: [comparison('treatment', 0.03, [0.01, 0.05], { z: 3.2 })] }],
      }),
    );
    expect(verdict.status).toBe('validated');
    expect(verdict.reason).toContain('The lift is smaller than the 5% minimum effect, but the direction held.');
  });

  it('refutes only when every treatment refutes, otherwise keeps running', () => {
    const steps = (second: VerdictComparison) => [
      {
        stepKey: 'need_met',
        comparisons: [comparison('a', -0.1, [-0.15, -0.05], { z: -3.2 }), second],
      },
    ];
    const oneOpen = decideVerdict(input({ treatmentKeys: ['a', 'b'], steps: steps(comparison('b', 0.02, [-0.02, 0.06], { z: 1 })) }));
    expect(oneOpen.status).toBe('running');
    expect(oneOpen.reason).toContain('refuted: a lowered need_met');
    const bothDown = decideVerdict(
      input({ treatmentKeys: ['a', 'b'], steps: steps(comparison('b', -0.08, [-0.12, -0.04], { z: -3 })) }),
    );
    expect(bothDown.status).toBe('refuted');
    expect(bothDown.reason).toMatch(/^Every treatment refuted the hypothesis: a lowered need_met .*; b lowered need_met/);
  });

  it('validates a decrease hypothesis when the step falls significantly', () => {
    const verdict = decideVerdict(
      input({
        direction: 'decrease',
        guardrailStepKeys: [],
        steps: [{ stepKey: 'need_met', comparisons: [comparison('treatment', -0.12, [-0.18, -0.06], { z: -3.5 })] }],
      }),
    );
    expect(verdict.status).toBe('validated');
    expect(verdict.reason).toBe(
      'treatment lowered need_met by 12.0% (95% CI −18.0% to −6.0%), crossing the sequential boundary at look 5 of ~14; no guardrails were set.',
    );
  });

  it('ignores the primary step when it is also listed as a guardrail', () => {
    const verdict = decideVerdict(input({ guardrailStepKeys: ['need_met'], direction: 'decrease' }));
    // need_met rose significantly: against a decrease hypothesis, but not a second "guardrail harm".
    expect(verdict.status).toBe('refuted');
    expect(verdict.treatments[0].harmedGuardrails).toEqual([]);
  });

  describe('method fixed', () => {
    it('does not peek: nothing is significant before the planned sample', () => {
      const early = comparison('treatment', 0.2, [0.1, 0.3], { pValue: 0.0001, reached: false });
      const verdict = decideVerdict(input({ method: 'fixed', steps: [{ stepKey: 'need_met', comparisons: [early] }] }));
      expect(verdict.status).toBe('running');
    });

    it('validates at the planned sample with p below alpha/k', () => {
      const atPlan = comparison('treatment', 0.2, [0.1, 0.3], { pValue: 0.0001, reached: true });
      const verdict = decideVerdict(
        input({ method: 'fixed', finalLook: true, steps: [{ stepKey: 'need_met', comparisons: [atPlan] }] }),
      );
      expect(verdict.status).toBe('validated');
      expect(verdict.reason).toContain('p = 0.0001 < 0.05 at the planned sample');
    });
  });

  describe('method msprt', () => {
    it('splits alpha across treatments (Bonferroni)', () => {
      const p03 = (key: string) => comparison(key, 0.1, [0.02, 0.18], { msprtP: 0.03 });
      const one = decideVerdict(input({ method: 'msprt', steps: [{ stepKey: 'need_met', comparisons: [p03('treatment')] }] }));
      expect(one.status).toBe('validated');
      expect(one.reason).toContain('always-valid p = 0.0300 < 0.05');
      const two = decideVerdict(
        input({
          method: 'msprt',
          treatmentKeys: ['a', 'b'],
          steps: [{ stepKey: 'need_met', comparisons: [p03('a'), p03('b')] }],
        }),
      );
      expect(two.status).toBe('running');
      const three = decideVerdict(
        input({
          method: 'msprt',
          treatmentKeys: ['a', 'b', 'c'],
          steps: [{ stepKey: 'need_met', comparisons: [comparison('a', 0.1, [0.02, 0.18], { msprtP: 0.001 })] }],
        }),
      );
      expect(three.reason).toContain('always-valid p = 0.0010 < 0.0167');
    });

    it('splits alpha across guardrails', () => {
      const primary = comparison('treatment', 0.1, [0.02, 0.18], { msprtP: 0.001 });
      const guard = (step: string, p: number) => ({
        stepKey: step,
        comparisons: [comparison('treatment', -0.05, [-0.1, 0], { msprtP: p })],
      });
      const harmed = decideVerdict(
        input({
          method: 'msprt',
          guardrailStepKeys: ['checkout', 'return'],
          steps: [{ stepKey: 'need_met', comparisons: [primary] }, guard('checkout', 0.02), guard('return', 0.5)],
        }),
      );
      expect(harmed.status).toBe('refuted');
      const notHarmed = decideVerdict(
        input({
          method: 'msprt',
          guardrailStepKeys: ['checkout', 'return'],
          steps: [{ stepKey: 'need_met', comparisons: [primary] }, guard('checkout', 0.03), guard('return', 0.5)],
        }),
      );
      expect(notHarmed.status).toBe('validated');
    });
  });

  it('never leaks NaN or throws on missing or broken numbers', () => {
    const broken: VerdictComparison = {
      variantKey: 'treatment',
      absoluteLift: Number.NaN,
      relativeLift: Number.NaN,
      ciAbsolute: [Number.NaN, Number.NaN],
      ciRelative: [Number.NaN, Number.NaN],
      pValue: Number.NaN,
      sequential: null,
      msprt: null,
      plannedSampleReached: true,
    };
    for (const method of ['sequential', 'fixed', 'msprt'] as const) {
      for (const finalLook of [false, true]) {
        const verdict = decideVerdict(input({ method, finalLook, steps: [{ stepKey: 'need_met', comparisons: [broken] }] }));
        expect(['running', 'inconclusive']).toContain(verdict.status);
        expect(verdict.reason).not.toMatch(/NaN|undefined|Infinity/);
      }
    }
    const empty = decideVerdict(input({ steps: [] }));
    expect(empty.status).toBe('running');
    expect(empty.reason).toContain('treatment has no data on need_met yet');
    const stoppedEmpty = decideVerdict(input({ steps: [], stopped: true, treatmentKeys: [] }));
    expect(stoppedEmpty.status).toBe('inconclusive');
    expect(stoppedEmpty.reason).not.toMatch(/NaN|undefined/);
  });
});
