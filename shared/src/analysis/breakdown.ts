import type { BreakdownComparison, BreakdownStep, DifferentialImpact } from '../api/breakdown';
import { signedPercent, signedPoints } from '../format/number-format';
import { holm } from '../stats/holm';
import { rate, zPValue, zTest, type ArmCounts } from '../stats/z-test';
import type { StepCounts, VariantCounts } from './analysis.types';
import { variantRates } from './compare-treatments';

export interface DifferentialInput {
  inside: { control: ArmCounts; treatment: ArmCounts };
  outside: { control: ArmCounts; treatment: ArmCounts };
}

export interface DifferentialResult {
  insideLift: number;
  outsideLift: number;
  /** d_inside − d_outside */
  difference: number;
  z: number;
  pValue: number;
}

/** The absolute lift and its unpooled (Wald) variance; an empty arm gives no estimate. */
function liftAndVariance(control: ArmCounts, treatment: ArmCounts): { lift: number; variance: number } | null {
  if (control.units === 0 || treatment.units === 0) return null;
  const pc = rate(control);
  const pt = rate(treatment);
  return { lift: pt - pc, variance: (pc * (1 - pc)) / control.units + (pt * (1 - pt)) / treatment.units };
}

/**
 * Does the effect inside a cohort differ from the effect outside it? The two lifts come from
 * disjoint units, so their difference has variance se_in² + se_out²; a two-sided z-test of it.
 * No units on either side, or no variance at all: z = 0, p = 1.
 */
export function differentialImpact(input: DifferentialInput): DifferentialResult {
  const inside = liftAndVariance(input.inside.control, input.inside.treatment);
  const outside = liftAndVariance(input.outside.control, input.outside.treatment);
  const insideLift = inside?.lift ?? 0;
  const outsideLift = outside?.lift ?? 0;
  if (!inside || !outside) return { insideLift, outsideLift, difference: 0, z: 0, pValue: 1 };
  const difference = inside.lift - outside.lift;
  const variance = inside.variance + outside.variance;
  if (!(variance > 0)) return { insideLift, outsideLift, difference, z: 0, pValue: 1 };
  const z = difference / Math.sqrt(variance);
  return { insideLift, outsideLift, difference, z, pValue: zPValue(z) };
}

/** One row of a breakdown before its tests: a cohort (or attribute value) and its counts. */
export interface BreakdownRowCounts {
  /** What the PM reads: the cohort's name or the attribute's value. */
  label: string;
  /** step key → variant key → counts inside the row. */
  steps: Record<string, StepCounts>;
}

export interface BreakdownInput {
  rows: BreakdownRowCounts[];
  /** step key → variant key → counts over every analysed unit (the outside of a row is total − row). */
  total: Record<string, StepCounts>;
  /** The flow's steps, in order. */
  stepKeys: string[];
  /** In the experiment's order. */
  variantKeys: string[];
  controlKey: string;
  treatmentKeys: string[];
  alpha: number;
}

const ZERO: VariantCounts = { units: 0, reached: 0, deviated: 0 };
const arm = (counts: StepCounts, key: string): ArmCounts => {
  const c = counts[key] ?? ZERO;
  return { units: c.units, conversions: c.reached };
};
const minus = (total: StepCounts, part: StepCounts, key: string): ArmCounts => {
  const t = arm(total, key);
  const p = arm(part, key);
  return { units: Math.max(0, t.units - p.units), conversions: Math.max(0, t.conversions - p.conversions) };
};

/** Relative lifts when both sides have one, else absolute lifts in points: "+2 % vs +14 %". */
function liftPair(inside: { control: ArmCounts; lift: number }, outside: { control: ArmCounts; lift: number }): string {
  const pcIn = rate(inside.control);
  const pcOut = rate(outside.control);
  if (pcIn > 0 && pcOut > 0) return `${signedPercent(inside.lift / pcIn, 0)} vs ${signedPercent(outside.lift / pcOut, 0)}`;
  return `${signedPoints(inside.lift)} vs ${signedPoints(outside.lift)}`;
}

/**
 * The tests of a breakdown, per row and step: every treatment against control by the
 * fixed-horizon z-test, Holm-adjusted over the step's family (rows × treatments); and per
 * treatment the differential impact of each row against the rest, Holm over the rows. Exploratory:
 * nothing here feeds the verdict.
 */
export function breakdownSteps(input: BreakdownInput): BreakdownStep[][] {
  const { rows, stepKeys, treatmentKeys, controlKey } = input;
  const result: BreakdownStep[][] = rows.map(() => []);
  stepKeys.forEach((stepKey, stepIndex) => {
    const total = input.total[stepKey] ?? {};
    const tests = rows.map((row) => {
      const inside = row.steps[stepKey] ?? {};
      return treatmentKeys.map((key) => {
        const test = zTest({ control: arm(inside, controlKey), treatment: arm(inside, key), alpha: input.alpha });
        const outside = { control: minus(total, inside, controlKey), treatment: minus(total, inside, key) };
        const differential = differentialImpact({ inside: { control: arm(inside, controlKey), treatment: arm(inside, key) }, outside });
        return { test, differential, outside };
      });
    });
    const family = holm(tests.flatMap((row) => row.map(({ test }) => test.pValue)));
    const acrossRows = treatmentKeys.map((_, t) => holm(tests.map((row) => row[t].differential.pValue)));
    rows.forEach((row, r) => {
      const inside = row.steps[stepKey] ?? {};
      const before = stepIndex > 0 ? (row.steps[stepKeys[stepIndex - 1]] ?? {}) : null;
      const comparisons = treatmentKeys.map((variantKey, t): BreakdownComparison => {
        const { test, differential, outside } = tests[r][t];
        const adjusted = acrossRows[t][r];
        const flagged = adjusted < input.alpha;
        const impact: DifferentialImpact = {
          difference: differential.difference,
          z: differential.z,
          pValue: differential.pValue,
          adjustedPValue: adjusted,
          flagged,
          summary: flagged
            ? `the effect of ${variantKey} in ${row.label} differs from the rest (${liftPair(
                { control: arm(inside, controlKey), lift: differential.insideLift },
                { control: outside.control, lift: differential.outsideLift },
              )})`
            : null,
        };
        return {
          variantKey,
          absoluteLift: test.absoluteLift,
          relativeLift: test.relativeLift,
          ciAbsolute: test.ciAbsolute,
          ciRelative: test.ciRelative,
          pValue: test.pValue,
          adjustedPValue: family[r * treatmentKeys.length + t],
          differentialImpact: impact,
        };
      });
      result[r].push({ stepKey, variants: variantRates(input.variantKeys, inside, before), comparisons });
    });
  });
  return result;
}
