import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExperimentEntity } from '../experiments/experiment.entity';
import { HypothesisStatusChangeEntity } from './hypothesis-status-change.entity';
import { HypothesisVersionEntity } from './hypothesis-version.entity';
import { HypothesisEntity } from './hypothesis.entity';
import { HypothesesController } from './hypotheses.controller';
import { HypothesesService } from './hypotheses.service';
import { LatestResultsQuery } from './latest-results.query';
import { WebhooksModule } from '../webhooks/webhooks.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([HypothesisEntity, HypothesisVersionEntity, HypothesisStatusChangeEntity, ExperimentEntity]),
    WebhooksModule,
  ],
  controllers: [HypothesesController],
  providers: [HypothesesService, LatestResultsQuery],
  exports: [HypothesesService],
})
export class HypothesesModule {}
