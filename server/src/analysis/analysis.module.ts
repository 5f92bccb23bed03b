import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExperimentEntity } from '../experiments/experiment.entity';
import { JobsModule } from '../jobs/jobs.module';
import { AnalysisController } from './analysis.controller';
import { AnalysisEntity } from './analysis.entity';
import { AnalysisService } from './analysis.service';
import { AnalysisWorkerModule } from './analysis-worker.module';

/** Analyses in the API: their history and results routes, "run one now", and the worker (analysis-worker.module.ts). */
@Module({
  imports: [TypeOrmModule.forFeature([AnalysisEntity, ExperimentEntity]), JobsModule, AnalysisWorkerModule],
  controllers: [AnalysisController],
  providers: [AnalysisService],
})
export class AnalysisModule {}
