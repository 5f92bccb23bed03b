import { Module } from '@nestjs/common';
import { AnalysisQueueService } from './analysis-queue.service';

/** The analysis queue's producer side; the worker that consumes it lives in AnalysisModule. */
@Module({ providers: [AnalysisQueueService], exports: [AnalysisQueueService] })
export class JobsModule {}
