// Deterministic assignment (docs/architecture.md), shared by the server and the SDK: pure, no I/O.
export { murmur3 } from './murmur3';
export { bucket, variantForBucket, assignVariant, evaluateUnforced } from './assign-variant';
export type { BucketingExperiment, Evaluation } from './assign-variant';
export { attributeNumber, matchesRule, matchesCohort, isTargeted } from './targeting';
export type { TargetingCohort } from './targeting';
export { hashUnitId, unitIdTag } from './unit-id-hash';
