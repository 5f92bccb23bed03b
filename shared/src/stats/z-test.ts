import { normalSf, normalUpperQuantile } from './normal';
import { StatsInputError, requireCount, requireOpenUnit } from './stats-input.error';

export interface ArmCounts {
  /** Units in the arm (the denominator). */
  units: number;
  /** Units that converted (reached the step). */
  conversions: number;
}

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface ZTestInput {
  control: ArmCounts;
  treatment: ArmCounts;
  /** Level of the intervals (1 − alpha, always two-sided); default 0.05. */
  alpha?: number;
  /** `greater`: treatment above control. Default `two-sided`. */
  alternative?: Alternative;
}

export interface ZTestResult {
  /** p_t − p_c */
  absoluteLift: number;
  /** (p_t − p_c) / p_c; null when p_c = 0. */
  relativeLift: number | null;
  /** Wald interval of the absolute lift. */
  ciAbsolute: [number, number];
  /** Delta-method interval of the relative lift; null when p_c = 0. */
  ciRelative: [number, number] | null;
  /** Pooled z; 0 when the pooled rate is 0 or 1 or an arm is empty. */
  z: number;
  pValue: number;
}

export function rate(arm: ArmCounts): number {
  return arm.units > 0 ? arm.conversions / arm.units : 0;
}

export function validateArm(field: string, arm: ArmCounts): void {
  if (!arm || typeof arm !== 'object') throw new StatsInputError(field, 'must be {units, conversions}');
  requireCount(`${field}.units`, arm.units);
  requireCount(`${field}.conversions`, arm.conversions);
  if (arm.conversions > arm.units) throw new StatsInputError(`${field}.conversions`, 'must not exceed units');
}

/** p-value of a standard-normal statistic for the alternative. */
export function zPValue(z: number, alternative: Alternative = 'two-sided'): number {
  if (alternative === 'greater') return normalSf(z);
  if (alternative === 'less') return normalSf(-z);
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

/** Fixed-horizon two-proportion z-test with pooled variance (docs/statistics.md). */
export function zTest(input: ZTestInput): ZTestResult {
  const { control, treatment } = input;
  const alpha = input.alpha ?? 0.05;
  const alternative = input.alternative ?? 'two-sided';
  validateArm('control', control);
  validateArm('treatment', treatment);
  requireOpenUnit('alpha', alpha);
  if (!['two-sided', 'greater', 'less'].includes(alternative)) {
    throw new StatsInputError('alternative', "must be 'two-sided', 'greater' or 'less'");
  }

  const nc = control.units;
  const nt = treatment.units;
  const pc = rate(control);
  const pt = rate(treatment);
  const d = pt - pc;
  const relativeLift = pc > 0 ? d / pc : null;

  if (nc === 0 || nt === 0) {
    // Nothing to compare yet (an empty arm has no rate): no lift, the widest interval, no evidence.
    return { absoluteLift: 0, relativeLift: null, ciAbsolute: [-1, 1], ciRelative: null, z: 0, pValue: 1 };
  }

  const crit = normalUpperQuantile(alpha / 2);
  const seAbs = Math.sqrt((pc * (1 - pc)) / nc + (pt * (1 - pt)) / nt);
  const ciAbsolute: [number, number] = [d - crit * seAbs, d + crit * seAbs];

  let ciRelative: [number, number] | null = null;
  if (relativeLift !== null) {
    const seRel = Math.sqrt((pt * (1 - pt)) / (nt * pc * pc) + (pt * pt * (1 - pc)) / (nc * pc * pc * pc));
    ciRelative = [relativeLift - crit * seRel, relativeLift + crit * seRel];
  }

  const pooled = (control.conversions + treatment.conversions) / (nc + nt);
  if (pooled <= 0 || pooled >= 1) {
    return { absoluteLift: d, relativeLift, ciAbsolute, ciRelative, z: 0, pValue: 1 };
  }
  const z = d / Math.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nt));
  return { absoluteLift: d, relativeLift, ciAbsolute, ciRelative, z, pValue: zPValue(z, alternative) };
}
