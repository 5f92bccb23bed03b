import type { StepKind } from '../vocabularies';

/**
 * A milestone step is reached within `withinDays` of assignment, and is counted only over units
 * assigned at least that long ago. Three kinds, told apart by their fields (docs/api.md):
 * - **count** `{minEvents, withinDays}`: at least minEvents aligned events on the step;
 * - **relative** `{minEvents, withinDays, perAttribute}`: at least minEvents × the unit's
 *   attribute of that name at assignment (a number > 0; other units are left out and counted
 *   as `excluded`);
 * - **composite** `{anyOf, atLeast, withinDays}`: at least atLeast of the anyOf steps (other,
 *   non-milestone steps of the flow) had an aligned event.
 */
export interface Milestone {
  withinDays: number;
  minEvents?: number;
  perAttribute?: string;
  anyOf?: string[];
  atLeast?: number;
}
export type MilestoneKind = 'count' | 'relative' | 'composite';

export function milestoneKind(milestone: Milestone): MilestoneKind {
  if (milestone.anyOf !== undefined) return 'composite';
  return milestone.perAttribute !== undefined ? 'relative' : 'count';
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
