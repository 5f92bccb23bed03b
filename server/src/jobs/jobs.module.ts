import { Module } from '@nestjs/common';
import { AnalysisQueueService } from './analysis-queue.service';
import { AnalysisRequestsQuery } from './analysis-requests.query';

/** The analysis queue's producer side; the worker that consumes it lives in AnalysisModule. */
@Module({ providers: [AnalysisRequestsQuery, AnalysisQueueService], exports: [AnalysisQueueService] })
export class JobsModule {}
