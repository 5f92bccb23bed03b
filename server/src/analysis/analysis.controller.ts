import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AnalysisJob, AnalysisJobAccepted, AnalysisRecord, Page, Results } from '@verdict/shared';
import { AnalysisService } from './analysis.service';
import { PageQueryDto } from '../common/page-query.dto';
import { MinRole } from '../auth/roles.decorator';

@ApiTags('analyses')
@ApiBearerAuth()
@Controller()
export class AnalysisController {
  constructor(private readonly analyses: AnalysisService) {}

  @Post('experiments/:key/analyses')
  @MinRole('editor')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '`{jobId}`: poll `GET /analysis-jobs/:jobId`' })
  run(@Param('key') key: string): Promise<AnalysisJobAccepted> {
    return this.analyses.requestRun(key);
  }

  @Get('experiments/:key/analyses')
  @MinRole('viewer')
  @ApiOkResponse({ description: '`{items, total}`: every run, latest first, failed runs included' })
  list(@Param('key') key: string, @Query() query: PageQueryDto): Promise<Page<AnalysisRecord>> {
    return this.analyses.list(key, query.limit, query.offset);
  }

  @Get('experiments/:key/results')
  @MinRole('viewer')
  @ApiOkResponse({ description: 'The latest successful analysis' })
  @ApiNotFoundResponse({ description: 'Unknown experiment, or no analysis yet' })
  results(@Param('key') key: string): Promise<Results> {
    return this.analyses.latestResults(key);
  }

  @Get('analysis-jobs/:jobId')
  @MinRole('viewer')
  @ApiOkResponse({ description: '`{jobId, experimentKey, state, analysisId, error}`' })
  job(@Param('jobId') jobId: string): Promise<AnalysisJob> {
    return this.analyses.job(jobId);
  }
}
