import { ApiProperty } from '@nestjs/swagger';
import { ESCALATION_STATUSES } from '@verdict/shared';
import type {
  EscalationStatus,
  FlowInsights,
  HealthCheckJob,
  JourneyEscalation,
  JourneyExpectations,
  JourneyHealth,
  JourneyHealthHistoryItem,
  JourneyHealthItem,
  StepInsight,
} from '@verdict/shared';
import { JourneyExpectationDto } from './journeys.dto';

// Response descriptions for the OpenAPI document; the shared types keep them honest.

const RATE = { type: 'number', minimum: 0, maximum: 1 } as const;
const NULLABLE_RATE = { ...RATE, nullable: true } as const;

export class StepInsightResponse implements StepInsight {
  @ApiProperty() stepKey!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) reached!: number;
  @ApiProperty(RATE) shareReached!: number;
  @ApiProperty(NULLABLE_RATE) outcomeRateReached!: number | null;
  @ApiProperty(NULLABLE_RATE) outcomeRateNotReached!: number | null;
  @ApiProperty({ type: 'number', nullable: true, minimum: 0 }) relativeRisk!: number | null;
  @ApiProperty({ type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2, nullable: true, description: '95 % interval' })
  ci!: [number, number] | null;
}

export class FlowInsightsResponse implements FlowInsights {
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: 'integer' }) days!: number;
  @ApiProperty({ type: String, nullable: true }) cohort!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) units!: number;
  @ApiProperty({ type: [StepInsightResponse] }) steps!: StepInsightResponse[];
}

export class JourneyExpectationsResponse implements JourneyExpectations {
  @ApiProperty() flowKey!: string;
  @ApiProperty({ type: [JourneyExpectationDto] }) expectations!: JourneyExpectationDto[];
}

export class JourneyEscalationResponse implements JourneyEscalation {
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: EscalationStatus;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
}

class JourneyMeasurementResponse {
  @ApiProperty() cohortKey!: string;
  @ApiProperty() stepKey!: string;
  @ApiProperty({ type: 'number', minimum: 0, maximum: 1 }) expectedRate!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 90 }) windowDays!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) units!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) reached!: number;
  @ApiProperty(NULLABLE_RATE) observedRate!: number | null;
  @ApiProperty({ ...NULLABLE_RATE, description: 'One-sided exact binomial P(X ≤ reached) at the expected rate' }) pValue!: number | null;
}

export class JourneyHealthItemResponse extends JourneyMeasurementResponse implements JourneyHealthItem {
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkedAt!: string | null;
  @ApiProperty({ type: JourneyEscalationResponse, nullable: true }) escalation!: JourneyEscalationResponse | null;
}

export class JourneyHealthHistoryItemResponse extends JourneyMeasurementResponse implements JourneyHealthHistoryItem {
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
}

export class JourneyHealthResponse implements JourneyHealth {
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) checkedAt!: string | null;
  @ApiProperty({ type: [JourneyHealthItemResponse] }) expectations!: JourneyHealthItemResponse[];
  @ApiProperty({ type: [JourneyHealthHistoryItemResponse] }) history!: JourneyHealthHistoryItemResponse[];
}

export class HealthCheckJobResponse implements HealthCheckJob {
  @ApiProperty() jobId!: string;
}
