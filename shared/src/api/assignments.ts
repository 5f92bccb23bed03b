import type { AssignmentReason, ExperimentStatus } from '../vocabularies';
import type { CohortRule } from './cohorts';
import type { Attributes } from './common';

export interface AssignmentRequest {
  experimentKey: string;
  unitId: string;
  attributes?: Attributes;
}
export interface AssignmentResponse {
  experimentKey: string;
  unitId: string;
  inExperiment: boolean;
  variantKey: string | null;
  assignedAt: string | null;
  reason: AssignmentReason;
}

/** What an SDK needs to evaluate running experiments locally (GET /sdk/config). */
export interface SdkExperimentConfig {
  key: string;
  seed: string;
  status: ExperimentStatus;
  variants: { key: string; weight: number; control: boolean }[];
  coverage: number;
  /**
   * Any one cohort must match (OR); within a cohort all rules hold (AND). Empty: everyone.
   * In GET /sdk/config, `members` are `hashUnitId(configSalt, unitId)`, never ids in clear.
   */
  targeting: { key: string; rules: CohortRule[]; members: string[] }[];
  /** Unit → variant; in GET /sdk/config keyed by `hashUnitId(configSalt, unitId)`. */
  forcedVariants: Record<string, string>;
}
export interface SdkConfig {
  version: string;
  generatedAt: string;
  /** This deployment's salt of the hashed unit ids (`hashUnitId`); the same on every instance. */
  configSalt: string;
  /** `unitIdTag` of every hashed id in the config: only a unit whose tag is listed needs hashing. */
  unitIdTags: number[];
  experiments: SdkExperimentConfig[];
}

export interface Exposure {
  experimentKey: string;
  unitId: string;
  variantKey: string;
  attributes?: Attributes;
  assignedAt?: string;
}
export interface ExposuresRequest {
  exposures: Exposure[];
}
export interface ExposuresResponse {
  accepted: number;
  rejected: { index: number; reason: string }[];
}
