import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { HypothesisStatusService } from './hypothesis-status.service';

/** The status machine's service alone: the analysis worker needs it, not the hypotheses' routes. */
@Module({ imports: [WebhooksModule], providers: [HypothesisStatusService], exports: [HypothesisStatusService] })
export class HypothesisStatusModule {}
