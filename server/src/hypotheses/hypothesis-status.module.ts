import { Module } from '@nestjs/common';
import { HypothesisStatusService } from './hypothesis-status.service';

/** The status machine's service alone: the analysis worker needs it, not the hypotheses' routes. */
@Module({ providers: [HypothesisStatusService], exports: [HypothesisStatusService] })
export class HypothesisStatusModule {}
