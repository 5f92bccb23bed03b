import type { Attributes } from '../api/common';
import type { AssignmentReason, ExperimentStatus } from '../vocabularies';
import { murmur3 } from './murmur3';
import { isTargeted, TargetingCohort } from './targeting';

const TWO_POW_32 = 4294967296;

/** `murmur3_x86_32(utf8("<seed>:<unitId>"), 0) / 2^32`: the unit's position in [0, 1) (docs/sdk.md). */
export function bucket(seed: string, unitId: string): number {
  return murmur3(`${seed}:${unitId}`, 0) / TWO_POW_32;
}

/**
 * The variant whose range holds `u`: variant i owns `[c_i, c_i + coverage·w_i)` with
 * `c_i = w_0 + … + w_{i-1}`, so growing coverage only adds units, never moves one. Null: out.
 */
export function variantForBucket(
  variants: readonly { key: string; weight: number }[],
  coverage: number,
  u: number,
): string | null {
  let start = 0;
  for (const variant of variants) {
    if (u < start) return null;
    if (u < start + coverage * variant.weight) return variant.key;
    start += variant.weight;
  }
  return null;
}

/** What the evaluator needs of an experiment: `SdkExperimentConfig` satisfies it. */
export interface BucketingExperiment {
  seed: string;
  variants: readonly { key: string; weight: number }[];
  coverage: number;
  /** When given and not `running`, nobody new gets in (`not_running`). */
  status?: ExperimentStatus;
  targeting?: readonly TargetingCohort[];
  forcedVariants?: Readonly<Record<string, string>>;
}

export type Evaluation =
  | { inExperiment: true; variantKey: string; reason: Extract<AssignmentReason, 'assigned' | 'forced'> }
  | {
      inExperiment: false;
      variantKey: null;
      reason: Extract<AssignmentReason, 'not_running' | 'not_targeted' | 'not_in_coverage'>;
    };

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * `listedId` is the unit as the experiment's lists (forced variants, focus-group members) name
 * it: the unit id itself on the server; in an SDK config, its `hashUnitId` (null when the unit
 * cannot be listed, so no lookup is needed).
 *
 * The stateless part of assignment (docs/architecture.md), identical on the server and in the SDK: forced variant →
 * running? → targeting → bucketing. (The server checks its sticky record between the first two.)
 */
export function assignVariant(
  experiment: BucketingExperiment,
  unitId: string,
  attributes: Attributes = {},
  listedId: string | null = unitId,
): Evaluation {
  const forced = experiment.forcedVariants;
  if (forced && listedId !== null && hasOwn.call(forced, listedId)) {
    return { inExperiment: true, variantKey: forced[listedId], reason: 'forced' };
  }
  return evaluateUnforced(experiment, unitId, attributes, listedId);
}

/** `assignVariant` without the forced-variant check (the server looks at forced, then sticky, first). */
export function evaluateUnforced(
  experiment: BucketingExperiment,
  unitId: string,
  attributes: Attributes = {},
  listedId: string | null = unitId,
): Evaluation {
  if (experiment.status !== undefined && experiment.status !== 'running') {
    return { inExperiment: false, variantKey: null, reason: 'not_running' };
  }
  if (experiment.targeting && !isTargeted(experiment.targeting, listedId, attributes)) {
    return { inExperiment: false, variantKey: null, reason: 'not_targeted' };
  }
  const variantKey = variantForBucket(experiment.variants, experiment.coverage, bucket(experiment.seed, unitId));
  if (variantKey === null) return { inExperiment: false, variantKey: null, reason: 'not_in_coverage' };
  return { inExperiment: true, variantKey, reason: 'assigned' };
}
