import { Module } from '@nestjs/common';
import { JourneysController } from './journeys.controller';
import { JourneysWorkerModule } from './journeys-worker.module';

/** Insights, expectations and journey health under /flows/:key (docs/api.md, "Journeys"). */
@Module({ imports: [JourneysWorkerModule], controllers: [JourneysController] })
export class JourneysModule {}
