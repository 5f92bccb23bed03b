import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Hypothesis, HypothesisSummary, Page } from '@verdict/shared';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import {
  ArchiveHypothesisDto,
  CreateHypothesisDto,
  ListHypothesesQueryDto,
  OverrideVerdictDto,
  ReviseHypothesisDto,
  UpdateHypothesisDto,
} from './dto/hypothesis.dto';
import { HypothesesService } from './hypotheses.service';
import { HypothesisRevisionsService } from './hypothesis-revisions.service';
import { HypothesisStatusService } from './hypothesis-status.service';

@ApiTags('hypotheses')
@ApiBearerAuth()
@Controller('hypotheses')
export class HypothesesController {
  constructor(
    private readonly hypotheses: HypothesesService,
    private readonly revisions: HypothesisRevisionsService,
    private readonly statuses: HypothesisStatusService,
  ) {}

  @Post()
  create(@Body() body: CreateHypothesisDto, @CurrentPrincipal() principal: Principal): Promise<Hypothesis> {
    return this.hypotheses.create(body, principal.actor);
  }

  @Get()
  list(@Query() query: ListHypothesesQueryDto): Promise<Page<HypothesisSummary>> {
    return this.hypotheses.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<Hypothesis> {
    return this.hypotheses.get(id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateHypothesisDto): Promise<Hypothesis> {
    return this.hypotheses.update(id, body);
  }

  @Post(':id/versions')
  async revise(
    @Param('id') id: string,
    @Body() body: ReviseHypothesisDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Hypothesis> {
    await this.revisions.revise(id, body, principal.actor);
    return this.hypotheses.get(id);
  }

  @Post(':id/verdict')
  @HttpCode(200)
  async overrideVerdict(
    @Param('id') id: string,
    @Body() body: OverrideVerdictDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Hypothesis> {
    await this.statuses.overrideVerdict(id, body, principal.actor);
    return this.hypotheses.get(id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  async archive(
    @Param('id') id: string,
    @Body() body: ArchiveHypothesisDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Hypothesis> {
    await this.statuses.archive(id, principal.actor, body?.note);
    return this.hypotheses.get(id);
  }
}
