import type { CohortKind, RuleOp } from '../vocabularies';

export interface CohortRule {
  attribute: string;
  op: RuleOp;
  value: unknown;
}
export interface CreateCohortRequest {
  key: string;
  name: string;
  kind: CohortKind;
  rules?: CohortRule[];
  members?: string[];
}
export type UpdateCohortRequest = Partial<Omit<CreateCohortRequest, 'key'>>;
export interface Cohort extends CreateCohortRequest {
  id: string;
  rules: CohortRule[];
  members: string[];
  createdAt: string;
  updatedAt: string;
}
