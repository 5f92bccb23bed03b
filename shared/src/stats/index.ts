// Pure statistics (docs/statistics.md): numbers in, numbers out, no I/O.
export { StatsInputError } from './stats-input.error';
export { normalPdf, normalCdf, normalSf, logNormalSf, normalQuantile, normalUpperQuantile } from './normal';
export { sampleSizePerVariant } from './sample-size';
export type { SampleSizeInput } from './sample-size';
export { zTest, zPValue, rate } from './z-test';
export type { ArmCounts, Alternative, ZTestInput, ZTestResult } from './z-test';
export { srm, SRM_THRESHOLD } from './srm';
export type { SrmResult } from './srm';
export { holm } from './holm';
export { bayesianBinomial, probBetaGreater } from './bayesian';
export type { BayesianInput, BayesianResult } from './bayesian';
export {
  groupSequentialBounds,
  obrienFlemingSpending,
  sequentialTest,
  upperCrossingProbability,
  sequentialInflation,
  driftForPower,
  PLANNED_LOOKS,
} from './group-sequential';
export type { SequentialLookInput, SequentialTestInput, SequentialTestResult } from './group-sequential';
export { msprt, msprtFromEstimate, msprtTau2 } from './msprt';
export type { MsprtEstimateInput, MsprtInput, MsprtResult } from './msprt';
export { significantMovement } from './significance';
export { alphaSplit } from './alpha-split';
export type { AlphaSplit, AlphaSplitInput } from './alpha-split';
export type { Movement, SignificanceInput } from './significance';
export { compareStep, informationFraction } from './compare-step';
export type { CompareStepInput, CompareStepResult, CovariateSums, CupedSummary, UnadjustedFigures } from './compare-step';
export { expectedDate } from './expected-date';
export type { ExpectedDateInput } from './expected-date';
export { cupedCompare, cupedTheta, historyVarianceReduction } from './cuped';
export type { CupedArmSums, CupedInput, CupedResult, HistoryCounts } from './cuped';
export { planSampleSize } from './sample-plan';
export type { SamplePlan, SamplePlanInput } from './sample-plan';
export { binomialCdf } from './binomial';
export { relativeRisk } from './relative-risk';
export type { RelativeRiskResult, RiskTable } from './relative-risk';
