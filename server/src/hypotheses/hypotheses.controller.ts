import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiPageResponse } from '../common/openapi';
import { HypothesisResponse, HypothesisSummaryResponse } from './dto/hypothesis.response';
import { HypothesisIterationsResponse } from './dto/hypothesis-iterations.response';
import type { Hypothesis, HypothesisIterations, HypothesisSummary, Page } from '@verdict/shared';
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
import { HypothesisIterationsService } from './hypothesis-iterations.service';
import { HypothesisRevisionsService } from './hypothesis-revisions.service';
import { HypothesisStatusService } from './hypothesis-status.service';
import { MinRole } from '../common/roles.decorator';

@ApiTags('hypotheses')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('hypotheses')
export class HypothesesController {
  constructor(
    private readonly hypotheses: HypothesesService,
    private readonly revisions: HypothesisRevisionsService,
    private readonly statuses: HypothesisStatusService,
    private readonly iterationsService: HypothesisIterationsService,
  ) {}

  @Post()
  @MinRole('editor')
  @ApiCreatedResponse({ type: HypothesisResponse })
  @ApiErrors(404)
  create(@Body() body: CreateHypothesisDto, @CurrentPrincipal() principal: Principal): Promise<Hypothesis> {
    return this.hypotheses.create(body, principal.actor);
  }

  @Get()
  @MinRole('viewer')
  @ApiPageResponse(HypothesisSummaryResponse)
  @ApiErrors(400)
  list(@Query() query: ListHypothesesQueryDto): Promise<Page<HypothesisSummary>> {
    return this.hypotheses.list(query);
  }

  @Get(':id')
  @MinRole('viewer')
  @ApiOkResponse({ type: HypothesisResponse })
  @ApiErrors(404)
  get(@Param('id') id: string): Promise<Hypothesis> {
    return this.hypotheses.get(id);
  }

  @Get(':id/iterations')
  @MinRole('viewer')
  @ApiOkResponse({
    type: HypothesisIterationsResponse,
    description: "Per version, the primary step's and the business outcome's lift in its latest analysis",
  })
  @ApiErrors(404)
  iterations(@Param('id') id: string): Promise<HypothesisIterations> {
    return this.iterationsService.iterations(id);
  }

  @Patch(':id')
  @MinRole('editor')
  @ApiOkResponse({ type: HypothesisResponse })
  @ApiErrors(404, 409)
  update(@Param('id') id: string, @Body() body: UpdateHypothesisDto): Promise<Hypothesis> {
    return this.hypotheses.update(id, body);
  }

  @Post(':id/versions')
  @MinRole('editor')
  @ApiCreatedResponse({ type: HypothesisResponse, description: 'The hypothesis at its next version' })
  @ApiErrors(404, 409)
  async revise(
    @Param('id') id: string,
    @Body() body: ReviseHypothesisDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Hypothesis> {
    await this.revisions.revise(id, body, principal.actor);
    return this.hypotheses.get(id);
  }

  @Post(':id/verdict')
  @MinRole('editor')
  @HttpCode(200)
  @ApiOkResponse({ type: HypothesisResponse })
  @ApiErrors(404, 409)
  async overrideVerdict(
    @Param('id') id: string,
    @Body() body: OverrideVerdictDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Hypothesis> {
    await this.statuses.overrideVerdict(id, body, principal.actor);
    return this.hypotheses.get(id);
  }

  @Post(':id/archive')
  @MinRole('editor')
  @HttpCode(200)
  @ApiOkResponse({ type: HypothesisResponse })
  @ApiErrors(404, 409)
  async archive(
    @Param('id') id: string,
    @Body() body: ArchiveHypothesisDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Hypothesis> {
    await this.statuses.archive(id, principal.actor, body?.note);
    return this.hypotheses.get(id);
  }
}
