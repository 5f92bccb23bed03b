import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Cohort, Page } from '@verdict/shared';
import { PageQueryDto } from '../common/page-query.dto';
import { CohortsService } from './cohorts.service';
import { CreateCohortDto, UpdateCohortDto } from './dto/cohort.dto';
import { MinRole } from '../auth/roles.decorator';

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Post()
  @MinRole('editor')
  create(@Body() body: CreateCohortDto): Promise<Cohort> {
    return this.cohorts.create(body);
  }

  @Get()
  @MinRole('viewer')
  list(@Query() query: PageQueryDto): Promise<Page<Cohort>> {
    return this.cohorts.list(query.limit, query.offset);
  }

  @Get(':key')
  @MinRole('viewer')
  get(@Param('key') key: string): Promise<Cohort> {
    return this.cohorts.get(key);
  }

  @Patch(':key')
  @MinRole('editor')
  update(@Param('key') key: string, @Body() body: UpdateCohortDto): Promise<Cohort> {
    return this.cohorts.update(key, body);
  }
}
