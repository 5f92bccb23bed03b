import { alphaSplit } from './alpha-split';

// Bonferroni: each of m tests at alpha/m keeps the family-wise error at or below alpha.
describe('alphaSplit', () => {
  it('splits alpha by treatments on the primary and reported steps, by guardrails on guardrails', () => {
    const split = alphaSplit({ alpha: 0.05, treatments: 3, primaryStepKey: 'signup', guardrailStepKeys: ['paid', 'visit'] });
    expect(split.forStep('signup')).toBeCloseTo(0.05 / 3, 12);
    expect(split.forStep('paid')).toBeCloseTo(0.05 / 2, 12);
    expect(split.forStep('visit')).toBeCloseTo(0.05 / 2, 12);
    expect(split.forStep('other')).toBeCloseTo(0.05 / 3, 12);
    expect(split.primary).toBeCloseTo(0.05 / 3, 12);
    expect(split.guardrail).toBeCloseTo(0.05 / 2, 12);
  });

  it('counts a guardrail once and never the primary step', () => {
    const split = alphaSplit({
      alpha: 0.05,
      treatments: 1,
      primaryStepKey: 'signup',
      guardrailStepKeys: ['paid', 'signup', 'paid', 'visit'],
    });
    expect(split.guardrailStepKeys).toEqual(['paid', 'visit']);
    expect(split.guardrail).toBeCloseTo(0.025, 12);
    expect(split.forStep('signup')).toBe(0.05);
  });

  it('keeps the whole alpha with one treatment and no guardrail', () => {
    const split = alphaSplit({ alpha: 0.05, treatments: 0, primaryStepKey: 'signup', guardrailStepKeys: [] });
    expect(split).toMatchObject({ primary: 0.05, guardrail: 0.05, guardrailStepKeys: [] });
  });
});
