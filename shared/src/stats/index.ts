// Pure statistics (DESIGN §4): numbers in, numbers out, no I/O.
export { StatsInputError } from './stats-input.error';
export { normalPdf, normalCdf, normalSf, logNormalSf, normalQuantile, normalUpperQuantile } from './normal';
export { sampleSizePerVariant } from './sample-size';
export type { SampleSizeInput } from './sample-size';
export { zTest, zPValue, rate } from './z-test';
export type { ArmCounts, Alternative, ZTestInput, ZTestResult } from './z-test';
export { significantMovement, testAlphas } from './significance';
export type { Movement, SignificanceInput } from './significance';
