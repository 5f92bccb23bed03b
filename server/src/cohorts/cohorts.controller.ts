import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiPageResponse } from '../common/openapi';
import { CohortResponse } from './dto/cohort.response';
import type { Cohort, Page } from '@verdict/shared';
import { PageQueryDto } from '../common/page-query.dto';
import { CohortsService } from './cohorts.service';
import { CreateCohortDto, UpdateCohortDto } from './dto/cohort.dto';
import { MinRole } from '../common/roles.decorator';

@ApiTags('cohorts')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Post()
  @MinRole('editor')
  @ApiCreatedResponse({ type: CohortResponse })
  @ApiErrors(409)
  create(@Body() body: CreateCohortDto): Promise<Cohort> {
    return this.cohorts.create(body);
  }

  @Get()
  @MinRole('viewer')
  @ApiPageResponse(CohortResponse)
  @ApiErrors(400)
  list(@Query() query: PageQueryDto): Promise<Page<Cohort>> {
    return this.cohorts.list(query.limit, query.offset);
  }

  @Get(':key')
  @MinRole('viewer')
  @ApiOkResponse({ type: CohortResponse })
  @ApiErrors(404)
  get(@Param('key') key: string): Promise<Cohort> {
    return this.cohorts.get(key);
  }

  @Patch(':key')
  @MinRole('editor')
  @ApiOkResponse({ type: CohortResponse })
  @ApiErrors(404, 409)
  update(@Param('key') key: string, @Body() body: UpdateCohortDto): Promise<Cohort> {
    return this.cohorts.update(key, body);
  }
}
