import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CohortsModule } from '../cohorts/cohorts.module';
import { HypothesesModule } from '../hypotheses/hypotheses.module';
import { JobsModule } from '../jobs/jobs.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ExperimentEntity } from './experiment.entity';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsService } from './experiments.service';
import { FlowHistoryQuery } from './flow-history.query';

@Module({
  imports: [TypeOrmModule.forFeature([ExperimentEntity]), HypothesesModule, CohortsModule, JobsModule, WebhooksModule],
  controllers: [ExperimentsController],
  providers: [ExperimentsService, FlowHistoryQuery],
})
export class ExperimentsModule {}
