import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiPageResponse } from '../common/openapi';
import { AnalysisJobAcceptedResponse, AnalysisJobResponse, AnalysisRecordResponse, ResultsResponse } from './dto/analysis.response';
import type { AnalysisJob, AnalysisJobAccepted, AnalysisRecord, Breakdown, Page, Results } from '@verdict/shared';
import { BreakdownResponse } from './dto/breakdown.response';
import { BreakdownQueryDto, ResultsQueryDto } from './dto/breakdown-query.dto';
import { BreakdownService } from './breakdown.service';
import { AnalysisService } from './analysis.service';
import { PageQueryDto } from '../common/page-query.dto';
import { MinRole } from '../common/roles.decorator';

@ApiTags('analyses')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller()
export class AnalysisController {
  constructor(
    private readonly analyses: AnalysisService,
    private readonly breakdowns: BreakdownService,
  ) {}

  @Post('experiments/:key/analyses')
  @MinRole('editor')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AnalysisJobAcceptedResponse, description: 'Queued' })
  @ApiErrors(404, 409)
  run(@Param('key') key: string): Promise<AnalysisJobAccepted> {
    return this.analyses.requestRun(key);
  }

  @Get('experiments/:key/analyses')
  @MinRole('viewer')
  @ApiPageResponse(AnalysisRecordResponse)
  @ApiErrors(400, 404)
  list(@Param('key') key: string, @Query() query: PageQueryDto): Promise<Page<AnalysisRecord>> {
    return this.analyses.list(key, query.limit, query.offset);
  }

  @Get('experiments/:key/results')
  @MinRole('viewer')
  @ApiOkResponse({ type: ResultsResponse, description: 'The latest successful analysis' })
  @ApiErrors(404)
  @ApiErrors(400)
  results(@Param('key') key: string, @Query() query: ResultsQueryDto): Promise<Results> {
    if (query.cohort !== undefined) return this.breakdowns.cohortResults(key, query.cohort);
    return this.analyses.latestResults(key);
  }

  @Get('experiments/:key/breakdown')
  @MinRole('viewer')
  @ApiOkResponse({ type: BreakdownResponse, description: 'The latest analysis per cohort (or per attribute value); exploratory' })
  @ApiErrors(400, 404)
  breakdown(@Param('key') key: string, @Query() query: BreakdownQueryDto): Promise<Breakdown> {
    return this.breakdowns.breakdown(key, query.by);
  }

  @Get('analysis-jobs/:jobId')
  @MinRole('viewer')
  @ApiOkResponse({ type: AnalysisJobResponse })
  @ApiErrors(404)
  job(@Param('jobId') jobId: string): Promise<AnalysisJob> {
    return this.analyses.job(jobId);
  }
}
