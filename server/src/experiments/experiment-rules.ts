import { planSampleSize, StatsInputError } from '@verdict/shared';
import type { AnalysisMethod, Direction, SamplePlan, Variant } from '@verdict/shared';
import { FieldProblem, InvalidFieldError } from '../common/domain-error';
import type { StoredVariant } from './experiment.entity';

/** Weights must sum to 1 within this. */
export const WEIGHT_TOLERANCE = 1e-6;

/** Variants in a fixed order: unique keys, exactly one control, weights > 0 summing to 1. */
export function checkVariants(variants: Variant[]): StoredVariant[] {
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  variants.forEach((variant, i) => {
    if (keys.has(variant.key)) problems.push({ field: `variants[${i}].key`, reason: `duplicates "${variant.key}"` });
    keys.add(variant.key);
  });
  const controls = variants.filter((variant) => variant.control === true).length;
  if (controls !== 1) {
    problems.push({ field: 'variants', reason: `must have exactly one control (control: true), found ${controls}` });
  }
  const sum = variants.reduce((total, variant) => total + variant.weight, 0);
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
    problems.push({ field: 'variants', reason: `weights must sum to 1, they sum to ${sum}` });
  }
  if (problems.length > 0) throw new InvalidFieldError(problems);
  return variants.map((variant) => ({
    key: variant.key,
    name: variant.name ?? null,
    weight: variant.weight,
    control: variant.control === true,
  }));
}

/** Forced units must point at one of the variants. */
export function checkForcedVariants(forced: Record<string, unknown>, variants: StoredVariant[]): Record<string, string> {
  const keys = new Set(variants.map((variant) => variant.key));
  const problems: FieldProblem[] = [];
  for (const [unitId, variantKey] of Object.entries(forced)) {
    if (typeof variantKey !== 'string' || !keys.has(variantKey)) {
      problems.push({ field: `forcedVariants.${unitId}`, reason: `must be one of the variant keys (${[...keys].join(', ')})` });
    }
    if (unitId.trim() === '') problems.push({ field: 'forcedVariants', reason: 'unit ids must not be empty' });
  }
  if (problems.length > 0) throw new InvalidFieldError(problems);
  return forced as Record<string, string>;
}

/** Largest plan an experiment may hold: beyond this no test ends, and the column is an int. */
export const MAX_PLANNED_SAMPLE_SIZE = 1_000_000_000;

export interface PlanInput {
  baselineRate: number;
  minimumEffect: number;
  direction: Direction;
  alpha: number;
  power: number;
  variants: StoredVariant[];
  method: AnalysisMethod;
  /** Share of the primary step's variance CUPED is expected to remove (0 without CUPED). */
  expectedVarianceReduction: number;
}

/**
 * Units per variant for the method the experiment runs, alpha split across the treatments,
 * with and without the expected variance reduction (docs/statistics.md). An impossible plan
 * is a 400 naming the field.
 */
export function samplePlan(plan: PlanInput): SamplePlan {
  let result: SamplePlan;
  try {
    result = planSampleSize({
      baselineRate: plan.baselineRate,
      minimumEffect: plan.minimumEffect,
      alpha: plan.alpha,
      power: plan.power,
      direction: plan.direction,
      treatments: plan.variants.length - 1,
      method: plan.method,
      expectedVarianceReduction: plan.expectedVarianceReduction,
    });
  } catch (error) {
    if (!(error instanceof StatsInputError)) throw error;
    if (error.field === 'minimumEffect') {
      // The effect belongs to the hypothesis; the experiment's own field that makes p2 impossible is its baseline.
      throw new InvalidFieldError([
        {
          field: 'baselineRate',
          reason: `with the hypothesis' minimum effect ${plan.minimumEffect} (${plan.direction}) ${error.reason}`,
        },
      ]);
    }
    throw new InvalidFieldError([{ field: error.field, reason: error.reason }]);
  }
  const units = result.plannedSampleSizeWithout;
  if (!(units <= MAX_PLANNED_SAMPLE_SIZE)) {
    // The effect belongs to the hypothesis; the experiment's own field behind the plan is its baseline.
    throw new InvalidFieldError([
      {
        field: 'baselineRate',
        reason:
          `with the hypothesis' minimumEffect ${plan.minimumEffect}: minimumEffect too small to detect at this baseline ` +
          `(the plan needs ${units.toExponential(2)} units per variant, more than ${MAX_PLANNED_SAMPLE_SIZE.toExponential(0)})`,
      },
    ]);
  }
  return result;
}
