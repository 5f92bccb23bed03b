import type { StepOutcome } from '../vocabularies';

export interface StepEvent {
  id: string;
  unitId: string;
  flowKey: string;
  stepKey: string;
  outcome: StepOutcome;
  occurredAt?: string;
  properties?: Record<string, unknown>;
}
export interface EventsRequest {
  events: StepEvent[];
}
export interface EventsResponse {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id: string | null; reason: string }[];
}
