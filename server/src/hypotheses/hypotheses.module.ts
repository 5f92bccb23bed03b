import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HypothesesController } from './hypotheses.controller';
import { HypothesesService } from './hypotheses.service';
import { HypothesisExperimentsQuery } from './hypothesis-experiments.query';
import { HypothesisIterationsQuery } from './hypothesis-iterations.query';
import { HypothesisIterationsService } from './hypothesis-iterations.service';
import { HypothesisRevisionsService } from './hypothesis-revisions.service';
import { HypothesisExpectationChangeEntity } from './hypothesis-expectation-change.entity';
import { HypothesisStatusChangeEntity } from './hypothesis-status-change.entity';
import { HypothesisStatusModule } from './hypothesis-status.module';
import { HypothesisVersionEntity } from './hypothesis-version.entity';
import { HypothesisEntity } from './hypothesis.entity';
import { LatestResultsQuery } from './latest-results.query';
import { WebhooksModule } from '../webhooks/webhooks.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([HypothesisEntity, HypothesisVersionEntity, HypothesisStatusChangeEntity, HypothesisExpectationChangeEntity]),
    HypothesisStatusModule,
    WebhooksModule,
  ],
  controllers: [HypothesesController],
  providers: [
    HypothesesService,
    HypothesisRevisionsService,
    HypothesisExperimentsQuery,
    LatestResultsQuery,
    HypothesisIterationsQuery,
    HypothesisIterationsService,
  ],
  exports: [HypothesesService, HypothesisStatusModule],
})
export class HypothesesModule {}
