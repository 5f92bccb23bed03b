// The analysis core: counts in, results and verdict out; pure, so the server's runner only
// loads counts, calls it and stores what it returns.
export { analyse, computeResults } from './analyse';
export type { AnalysisInput, AnalysisOutput, ComputedResults } from './analyse';
export { compareTreatments, variantRates } from './compare-treatments';
export type { CompareTreatmentsInput, CompareTreatmentsResult } from './compare-treatments';
export type {
  AnalysisCounts,
  AnalysisPlan,
  AnalysisProgress,
  SequentialState,
  SrmCheck,
  StepCounts,
  StoredLook,
  TreatmentState,
  VariantCounts,
} from './analysis.types';
export { breakdownSteps, differentialImpact } from './breakdown';
export type { BreakdownInput, BreakdownRowCounts, DifferentialInput, DifferentialResult } from './breakdown';
export { expectationPlan, expectationsSentence, judgeExpectation, NO_HARM_DEFAULT_EFFECT } from './cohort-expectations';
export type { ExpectationInput, ExpectationState } from './cohort-expectations';
