import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExperimentEntity } from '../experiments/experiment.entity';
import { HypothesesModule } from '../hypotheses/hypotheses.module';
import { JobsModule } from '../jobs/jobs.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AnalysisController } from './analysis.controller';
import { AnalysisEntity } from './analysis.entity';
import { AnalysisProcessor } from './analysis.processor';
import { AnalysisRunner } from './analysis-runner.service';
import { AnalysisSchedulerSync } from './analysis-scheduler.sync';
import { AnalysisService } from './analysis.service';
import { StepMetricsQuery } from './step-metrics.query';

/**
 * Analyses: the worker that runs them (in the API process by default, or alone via
 * `npm run worker`), their history and results routes, and the boot-time scheduler sync.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AnalysisEntity, ExperimentEntity]), JobsModule, HypothesesModule, WebhooksModule],
  controllers: [AnalysisController],
  providers: [AnalysisService, AnalysisRunner, AnalysisProcessor, AnalysisSchedulerSync, StepMetricsQuery],
  exports: [AnalysisService],
})
export class AnalysisModule {}
