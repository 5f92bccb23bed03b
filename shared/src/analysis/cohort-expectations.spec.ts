import { expectationPlan, expectationsSentence, judgeExpectation, type ExpectationInput } from './cohort-expectations';

// Plans computed independently with the python3 standard library (statistics.NormalDist):
//   def n(p1,m,alpha,power,dec=False,k=1):
//     p2=p1*(1-m) if dec else p1*(1+m); a=alpha/k; pb=(p1+p2)/2
//     za=N().inv_cdf(1-a/2); zb=N().inv_cdf(power)
//     return math.ceil((za*math.sqrt(2*pb*(1-pb))+zb*math.sqrt(p1*(1-p1)+p2*(1-p2)))**2/(p2-p1)**2)
//   n(0.2, 0.1, 0.05/2, 0.8, dec=True) = 7313   (no_harm: a 10 % fall, alpha / E with E = 2)
//   n(0.1, 0.3, 0.05/2, 0.8)           = 2149
const options = { alpha: 0.05, power: 0.8, expectations: 2, treatments: 1, defaultMinimumEffect: 0.3 };

describe('expectationPlan', () => {
  it('plans each expectation at alpha / E, no_harm for a 10 % fall by default', () => {
    expect(expectationPlan({ cohortKey: 'admins', stepKey: 'returned', direction: 'no_harm', baselineRate: 0.2 }, options)).toBe(7313);
    expect(expectationPlan({ cohortKey: 'smb', stepKey: 'paid', direction: 'increase', baselineRate: 0.1 }, options)).toBe(2149);
  });
});

describe('judgeExpectation', () => {
  const base = (counts: [number, number, number, number], over: Partial<ExpectationInput> = {}): ExpectationInput => ({
    expectation: { cohortKey: 'smb', stepKey: 'paid', direction: 'increase', baselineRate: 0.1 },
    counts: {
      control: { units: counts[1], reached: counts[0], deviated: 0 },
      treatment: { units: counts[3], reached: counts[2], deviated: 0 },
    },
    controlKey: 'control',
    treatmentKeys: ['treatment'],
    alpha: 0.05,
    power: 0.8,
    expectations: 2,
    defaultMinimumEffect: 0.3,
    previous: null,
    srmFlagged: false,
    stopped: false,
    ...over,
  });

  it('validates an increase that crosses its boundary', () => {
    // At t = 1 (2149 per arm) the boundary is about z_{1−0.0125} ≈ 2.24; 10 % vs 15 % gives z ≈ 5.
    const { result, state } = judgeExpectation(base([215, 2149, 322, 2149]));
    expect(result).toMatchObject({ status: 'validated', informationFraction: 1, plan: 2149 });
    expect(state.looks.treatment).toHaveLength(1);
  });

  it('keeps running before the plan when nothing crossed, and carries its looks', () => {
    const first = judgeExpectation(base([50, 500, 55, 500]));
    expect(first.result.status).toBe('running');
    expect(first.result.informationFraction).toBeCloseTo(500 / 2149, 12);
    const second = judgeExpectation(base([100, 1000, 108, 1000], { previous: first.state }));
    expect(second.state.looks.treatment).toHaveLength(2);
  });

  it('refutes no_harm when the cohort’s rate falls significantly, validates it at the final look otherwise', () => {
    const expectation = { cohortKey: 'admins', stepKey: 'returned', direction: 'no_harm' as const, baselineRate: 0.2 };
    expect(judgeExpectation(base([1600, 8000, 1200, 8000], { expectation })).result.status).toBe('refuted');
    expect(judgeExpectation(base([1600, 8000, 1590, 8000], { expectation })).result.status).toBe('validated');
    expect(judgeExpectation(base([400, 2000, 398, 2000], { expectation })).result.status).toBe('running');
  });

  it('keeps a final status, and is blocked by a failed sample-ratio check', () => {
    const done = judgeExpectation(base([215, 2149, 322, 2149]));
    expect(judgeExpectation(base([0, 10, 0, 10], { previous: done.state })).result.status).toBe('validated');
    expect(judgeExpectation(base([50, 500, 55, 500], { srmFlagged: true })).result.status).toBe('blocked');
  });

  it('says which cohorts are where', () => {
    const results = [
      { ...judgeExpectation(base([215, 2149, 322, 2149])).result },
      { ...judgeExpectation(base([50, 500, 55, 500], { expectation: { cohortKey: 'enterprise', stepKey: 'paid', direction: 'increase', baselineRate: 0.1 } })).result },
    ];
    expect(expectationsSentence(results)).toBe('validated for smb (paid); running for enterprise (paid)');
    const names: Record<string, string> = { smb: 'Small businesses' };
    expect(expectationsSentence(results, (key) => names[key] ?? key)).toBe('validated for Small businesses (paid); running for enterprise (paid)');
  });
});
