import { msprt, msprtTau2 } from './msprt';

// References: the mSPRT formulas of docs/statistics.md evaluated in python3 (math), e.g.
//   pc,pt,nc,nt=0.1,0.115,10000,10000; V=pc*(1-pc)/nc+pt*(1-pt)/nt; tau2=(0.1*0.1)**2; d=pt-pc
//   lam=math.sqrt(V/(V+tau2))*math.exp(tau2*d*d/(2*V*(V+tau2)))
//   half=math.sqrt((V*(V+tau2)/tau2)*(2*math.log(1/0.05)+math.log((V+tau2)/V)))
//   print(min(1,1/lam), d-half, d+half)
describe('msprt', () => {
  it.each([
    [1000, 10000, 1150, 10000, 0.01 ** 2, 0.05, 0.018154419454982196, 0.001632492695667698, 0.028367507304332303],
    [1000, 10000, 1030, 10000, 0.01 ** 2, 0.05, 1, -0.010019978506455068, 0.016019978506455045],
    [200, 1000, 260, 1000, 0.04 ** 2, 0.025, 0.03579790527527473, -0.0025201025071490135, 0.12252010250714901],
  ])('%i/%i vs %i/%i', (xc, nc, xt, nt, tau2, alpha, p, lo, hi) => {
    const result = msprt({
      control: { units: nc, conversions: xc },
      treatment: { units: nt, conversions: xt },
      tau2,
      alpha,
    });
    expect(Math.abs(result.pValue - p)).toBeLessThan(1e-9);
    expect(Math.abs(result.ciAbsolute[0] - lo)).toBeLessThan(1e-9);
    expect(Math.abs(result.ciAbsolute[1] - hi)).toBeLessThan(1e-9);
  });

  it('never lets the always-valid p-value rise again', () => {
    const args = { control: { units: 10000, conversions: 1000 }, treatment: { units: 10000, conversions: 1030 } };
    expect(msprt({ ...args, tau2: 1e-4, alpha: 0.05, previousPValue: 0.2 }).pValue).toBe(0.2);
  });

  it('gives p = 1 and the widest interval without variance', () => {
    const zero = { units: 500, conversions: 0 };
    expect(msprt({ control: zero, treatment: zero, tau2: 1e-4, alpha: 0.05 })).toEqual({ pValue: 1, ciAbsolute: [-1, 1] });
    const empty = { units: 0, conversions: 0 };
    expect(msprt({ control: empty, treatment: { units: 3, conversions: 1 }, tau2: 1e-4, alpha: 0.05 }).pValue).toBe(1);
  });

  it('derives τ² from the minimum effect and baseline and rejects τ² = 0', () => {
    expect(msprtTau2(0.1, 0.2)).toBeCloseTo(0.0004, 15);
    expect(() => msprt({ control: { units: 1, conversions: 0 }, treatment: { units: 1, conversions: 1 }, tau2: 0, alpha: 0.05 })).toThrow(
      /^tau2 /,
    );
  });
});
