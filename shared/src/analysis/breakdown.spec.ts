import { breakdownSteps, differentialImpact } from './breakdown';

// References computed independently with the python3 standard library:
//   def lv(xc,nc,xt,nt): pc,pt=xc/nc,xt/nt; return pt-pc, pc*(1-pc)/nc+pt*(1-pt)/nt
//   def diff(a,b): (di,vi),(do,vo)=lv(*a),lv(*b); z=(di-do)/math.sqrt(vi+vo)
//                  return di-do, z, math.erfc(abs(z)/math.sqrt(2))
//   diff((100,1000,102,1000),(200,2000,280,2000)) → (-0.038, -2.243866690730588, 0.024840979868635052)
//   diff((50,400,60,400),(300,3000,360,3000))     → (0.005, 0.19501107816272242, 0.8453842750014928)
// The pooled z-test p-values of the rows (as in z-test.spec.ts):
//   zt(100,1000,102,1000) = 0.8820161612758493, zt(200,2000,280,2000) = 9.921865932493635e-05
//   and Holm over both (sort, multiply by m − rank, running max): 0.8820161612758493, 0.0001984373186498727;
//   Holm of the two equal differential p-values 0.024840979868635052: 0.049681959737270104 each.
const arm = (conversions: number, units: number) => ({ units, conversions });

describe('differentialImpact', () => {
  it('tests the difference of the inside and outside lifts with unpooled standard errors', () => {
    const r = differentialImpact({
      inside: { control: arm(100, 1000), treatment: arm(102, 1000) },
      outside: { control: arm(200, 2000), treatment: arm(280, 2000) },
    });
    expect(r.difference).toBeCloseTo(-0.038, 12);
    expect(r.z).toBeCloseTo(-2.243866690730588, 9);
    expect(r.pValue).toBeCloseTo(0.024840979868635052, 9);
  });

  it('finds no difference where the lifts agree', () => {
    const r = differentialImpact({
      inside: { control: arm(50, 400), treatment: arm(60, 400) },
      outside: { control: arm(300, 3000), treatment: arm(360, 3000) },
    });
    expect(r.z).toBeCloseTo(0.19501107816272242, 9);
    expect(r.pValue).toBeCloseTo(0.8453842750014928, 9);
  });

  it('gives z = 0 and p = 1 when one side has no units or no variance', () => {
    expect(differentialImpact({ inside: { control: arm(1, 10), treatment: arm(2, 10) }, outside: { control: arm(0, 0), treatment: arm(0, 0) } }))
      .toMatchObject({ z: 0, pValue: 1 });
    expect(differentialImpact({ inside: { control: arm(0, 10), treatment: arm(0, 10) }, outside: { control: arm(0, 5), treatment: arm(0, 5) } }))
      .toMatchObject({ z: 0, pValue: 1 });
  });
});

describe('breakdownSteps', () => {
  const counts = (c: [number, number], t: [number, number]) => ({
    control: { units: c[1], reached: c[0], deviated: 0 },
    treatment: { units: t[1], reached: t[0], deviated: 0 },
  });
  const input = {
    rows: [
      { label: 'Enterprise', steps: { paid: counts([100, 1000], [102, 1000]) } },
      { label: 'SMB', steps: { paid: counts([200, 2000], [280, 2000]) } },
    ],
    total: { paid: counts([300, 3000], [382, 3000]) },
    stepKeys: ['paid'],
    variantKeys: ['control', 'treatment'],
    controlKey: 'control',
    treatmentKeys: ['treatment'],
    alpha: 0.05,
  };

  it('adjusts the rows’ p-values with Holm over the step’s family and tests each row against the rest', () => {
    const [enterprise, smb] = breakdownSteps(input);
    expect(enterprise[0].comparisons[0].pValue).toBeCloseTo(0.8820161612758493, 9);
    expect(enterprise[0].comparisons[0].adjustedPValue).toBeCloseTo(0.8820161612758493, 9);
    expect(smb[0].comparisons[0].adjustedPValue).toBeCloseTo(0.0001984373186498727, 12);
    const impact = enterprise[0].comparisons[0].differentialImpact;
    expect(impact.pValue).toBeCloseTo(0.024840979868635052, 9);
    expect(impact.adjustedPValue).toBeCloseTo(0.049681959737270104, 9);
    expect(impact.flagged).toBe(true);
    expect(impact.summary).toBe('the effect of treatment in Enterprise differs from the rest (+2% vs +40%)');
    expect(smb[0].variants.map((v) => v.units)).toEqual([2000, 2000]);
  });

  it('does not flag a row whose effect is the rest’s', () => {
    const same = {
      ...input,
      rows: [
        { label: 'A', steps: { paid: counts([50, 400], [60, 400]) } },
        { label: 'B', steps: { paid: counts([300, 3000], [360, 3000]) } },
      ],
      total: { paid: counts([350, 3400], [420, 3400]) },
    };
    const rows = breakdownSteps(same);
    for (const row of rows) {
      expect(row[0].comparisons[0].differentialImpact.flagged).toBe(false);
      expect(row[0].comparisons[0].differentialImpact.summary).toBeNull();
    }
  });
});
