import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FlowInsights, HealthCheckJob, JourneyExpectations, JourneyHealth } from '@verdict/shared';
import { ApiErrors } from '../common/openapi';
import { MinRole } from '../common/roles.decorator';
import { InsightsQueryDto, JourneyExpectationsRequestDto } from './dto/journeys.dto';
import {
  FlowInsightsResponse,
  HealthCheckJobResponse,
  JourneyExpectationsResponse,
  JourneyHealthResponse,
} from './dto/journeys.response';
import { JourneyHealthQueue } from './journey-health-queue.service';
import { JourneysService } from './journeys.service';

@ApiTags('journeys')
@ApiBearerAuth()
@ApiErrors(401, 403, 404)
@Controller('flows')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly queue: JourneyHealthQueue,
  ) {}

  @Get(':key/insights')
  @MinRole('viewer')
  @ApiOperation({ summary: 'Which steps go with the outcome: share reaching each, outcome rates, relative risk (association, not effect)' })
  @ApiOkResponse({ type: FlowInsightsResponse })
  @ApiErrors(400)
  insights(@Param('key') key: string, @Query() query: InsightsQueryDto): Promise<FlowInsights> {
    return this.journeys.insights(key, query);
  }

  @Get(':key/expectations')
  @MinRole('viewer')
  @ApiOkResponse({ type: JourneyExpectationsResponse })
  getExpectations(@Param('key') key: string): Promise<JourneyExpectations> {
    return this.journeys.getExpectations(key);
  }

  @Put(':key/expectations')
  @MinRole('editor')
  @ApiOperation({ summary: "Replace the flow's expectations per cohort and step" })
  @ApiOkResponse({ type: JourneyExpectationsResponse })
  @ApiErrors(400)
  setExpectations(@Param('key') key: string, @Body() body: JourneyExpectationsRequestDto): Promise<JourneyExpectations> {
    return this.journeys.setExpectations(key, body.expectations);
  }

  @Post(':key/health-checks')
  @MinRole('editor')
  @HttpCode(202)
  @ApiOperation({ summary: "Check the flow's journey health now (queued)" })
  @ApiAcceptedResponse({ type: HealthCheckJobResponse })
  async requestCheck(@Param('key') key: string): Promise<HealthCheckJob> {
    await this.journeys.flow(key); // 404 for an unknown flow
    return { jobId: await this.queue.enqueue(key) };
  }

  @Get(':key/health')
  @MinRole('viewer')
  @ApiOperation({ summary: 'Each expectation against its latest measurement, escalations, and the history of checks' })
  @ApiOkResponse({ type: JourneyHealthResponse })
  health(@Param('key') key: string): Promise<JourneyHealth> {
    return this.journeys.health(key);
  }
}
