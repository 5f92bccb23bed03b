import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExperimentEntity } from '../experiments/experiment.entity';
import { JobsModule } from '../jobs/jobs.module';
import { AnalysisController } from './analysis.controller';
import { AnalysisEntity } from './analysis.entity';
import { AnalysisService } from './analysis.service';
import { AnalysisWorkerModule } from './analysis-worker.module';
import { BreakdownService } from './breakdown.service';
import { StepMetricsQuery } from './step-metrics.query';

/** Analyses in the API: their history and results routes, "run one now", and the worker (analysis-worker.module.ts). */
@Module({
  imports: [TypeOrmModule.forFeature([AnalysisEntity, ExperimentEntity]), JobsModule, AnalysisWorkerModule],
  controllers: [AnalysisController],
  providers: [AnalysisService, BreakdownService, StepMetricsQuery],
})
export class AnalysisModule {}
