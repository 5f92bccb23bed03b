// Pure statistics (DESIGN §4): numbers in, numbers out, no I/O.
export { StatsInputError } from './stats-input.error';
export { normalPdf, normalCdf, normalSf, logNormalSf, normalQuantile, normalUpperQuantile } from './normal';
export { sampleSizePerVariant } from './sample-size';
export type { SampleSizeInput } from './sample-size';
