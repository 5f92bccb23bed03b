import { Module } from '@nestjs/common';
import { HypothesisStatusModule } from '../hypotheses/hypothesis-status.module';
import { JobsModule } from '../jobs/jobs.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AnalysesQuery } from './analyses.query';
import { AnalysisProcessor } from './analysis.processor';
import { AnalysisRunner } from './analysis-runner.service';
import { AnalysisSchedulerSync } from './analysis-scheduler.sync';
import { StepMetricsQuery } from './step-metrics.query';

/**
 * What runs analyses: the BullMQ consumer (started when `VERDICT_RUN_WORKER` is on), the runner
 * and its queries, and the boot-time scheduler sync. The API imports it through AnalysisModule;
 * the standalone worker (worker.module.ts) imports it alone.
 */
@Module({
  imports: [JobsModule, HypothesisStatusModule, WebhooksModule],
  providers: [AnalysesQuery, StepMetricsQuery, AnalysisRunner, AnalysisProcessor, AnalysisSchedulerSync],
})
export class AnalysisWorkerModule {}
