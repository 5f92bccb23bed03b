import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ApiAcceptedResponse, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import type { EventsResponse } from '@verdict/shared';
import { AllowSdk } from '../common/allow-sdk.decorator';
import { InvalidFieldError } from '../common/domain-error';
import { itemProblemsOf, jsonBodyConfig } from '../common/json-body';
import { MAX_BATCH_ITEMS } from '../common/limits';
import { EventsRequestDto, EventsResponseDto } from './dto/events.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiErrors(401, 403)
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @HttpCode(202)
  @AllowSdk()
  // A bad string inside one event rejects that event alone (`invalid_string`), not the batch.
  @RouteConfig(jsonBodyConfig({ freeFormFields: ['events.*.properties'], itemsAt: 'events' }))
  @ApiOperation({ summary: 'Record 1 to 1,000 step events (deduplicated by id, durable before 202)' })
  @ApiBody({ type: EventsRequestDto })
  @ApiAcceptedResponse({ type: EventsResponseDto })
  ingest(@Body() body: unknown, @Req() request: FastifyRequest): Promise<EventsResponse> {
    return this.events.ingest(parseBatch(body), new Date(), itemProblemsOf(request));
  }
}

/** Only the envelope can fail a whole batch; each event is judged on its own afterwards. */
function parseBatch(body: unknown): unknown[] {
  const invalid = (field: string, reason: string) => new InvalidFieldError([{ field, reason }]);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body', 'must be a JSON object');
  const extra = Object.keys(body).find((key) => key !== 'events');
  if (extra !== undefined) throw invalid(extra, 'should not exist');
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) throw invalid('events', 'must be an array');
  if (events.length < 1 || events.length > MAX_BATCH_ITEMS) {
    throw invalid('events', `must contain 1 to ${MAX_BATCH_ITEMS} events (got ${events.length})`);
  }
  return events;
}
