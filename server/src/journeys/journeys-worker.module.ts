import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CohortEntity } from '../cohorts/cohort.entity';
import { FlowEntity } from '../flows/flow.entity';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ExpectationsQuery } from './expectations.query';
import { HealthQuery } from './health.query';
import { InsightsQuery } from './insights.query';
import { JourneyEscalationEntity } from './journey-escalation.entity';
import { JourneyExpectationEntity } from './journey-expectation.entity';
import { JourneyHealthCheckEntity } from './journey-health-check.entity';
import { JourneyHealthQueue } from './journey-health-queue.service';
import { JourneyHealthProcessor } from './journey-health.processor';
import { JourneysService } from './journeys.service';

/** The journeys service and its queries, the daily health schedule and its consumer; the API and the standalone worker import it. */
@Module({
  imports: [
    TypeOrmModule.forFeature([FlowEntity, CohortEntity, JourneyExpectationEntity, JourneyHealthCheckEntity, JourneyEscalationEntity]),
    WebhooksModule,
  ],
  providers: [JourneysService, InsightsQuery, HealthQuery, ExpectationsQuery, JourneyHealthQueue, JourneyHealthProcessor],
  exports: [JourneysService, JourneyHealthQueue],
})
export class JourneysWorkerModule {}
