import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventsQuery } from './events.query';
import { EventsService } from './events.service';
import { FlowStepsService } from './flow-steps.service';

/** POST /events. */
@Module({
  controllers: [EventsController],
  providers: [EventsQuery, FlowStepsService, EventsService],
})
export class EventsModule {}
