import type { StepKind } from '../vocabularies';

export interface Milestone {
  minEvents: number;
  withinDays: number;
}
export interface FlowStep {
  key: string;
  name: string;
  kind: StepKind;
  terminal?: boolean;
  milestone?: Milestone | null;
}
export interface CreateFlowRequest {
  key: string;
  name: string;
  description?: string;
  steps: FlowStep[];
}
export type UpdateFlowRequest = Partial<Pick<CreateFlowRequest, 'name' | 'description' | 'steps'>>;
export interface Flow extends CreateFlowRequest {
  id: string;
  createdAt: string;
  updatedAt: string;
}
