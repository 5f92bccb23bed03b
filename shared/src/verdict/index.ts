// The verdict rule (docs/architecture.md): one pure function over an analysis.
export { decideVerdict } from './decide-verdict';
export type {
  VerdictInput,
  VerdictStep,
  VerdictComparison,
  VerdictDecision,
  TreatmentVerdict,
  TreatmentOutcome,
} from './verdict.types';
