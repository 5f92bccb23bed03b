import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiPageResponse } from '../common/openapi';
import { ExperimentResponse } from './dto/experiment.response';
import type { Experiment, Page } from '@verdict/shared';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import {
  CreateExperimentDto,
  ExperimentActionDto,
  ListExperimentsQueryDto,
  UpdateExperimentDto,
} from './dto/experiment.dto';
import { ExperimentsService } from './experiments.service';
import { MinRole } from '../common/roles.decorator';

@ApiTags('experiments')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('experiments')
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

  @Post()
  @MinRole('editor')
  @ApiCreatedResponse({ type: ExperimentResponse })
  @ApiErrors(404, 409)
  create(@Body() body: CreateExperimentDto): Promise<Experiment> {
    return this.experiments.create(body);
  }

  @Get()
  @MinRole('viewer')
  @ApiPageResponse(ExperimentResponse)
  @ApiErrors(400)
  list(@Query() query: ListExperimentsQueryDto): Promise<Page<Experiment>> {
    return this.experiments.list(query);
  }

  @Get(':key')
  @MinRole('viewer')
  @ApiOkResponse({ type: ExperimentResponse })
  @ApiErrors(404)
  get(@Param('key') key: string): Promise<Experiment> {
    return this.experiments.get(key);
  }

  @Patch(':key')
  @MinRole('editor')
  @ApiOkResponse({ type: ExperimentResponse })
  @ApiErrors(404, 409)
  update(@Param('key') key: string, @Body() body: UpdateExperimentDto): Promise<Experiment> {
    return this.experiments.update(key, body);
  }

  @Post(':key/start')
  @MinRole('editor')
  @HttpCode(200)
  @ApiOkResponse({ type: ExperimentResponse, description: 'draft → running, or resume paused → running' })
  @ApiErrors(404, 409)
  start(
    @Param('key') key: string,
    @Body() _body: ExperimentActionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Experiment> {
    return this.experiments.start(key, principal.actor);
  }

  @Post(':key/pause')
  @MinRole('editor')
  @HttpCode(200)
  @ApiOkResponse({ type: ExperimentResponse, description: 'running → paused' })
  @ApiErrors(404, 409)
  pause(
    @Param('key') key: string,
    @Body() _body: ExperimentActionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Experiment> {
    return this.experiments.pause(key, principal.actor);
  }

  @Post(':key/stop')
  @MinRole('editor')
  @HttpCode(200)
  @ApiOkResponse({ type: ExperimentResponse, description: 'running or paused → stopped (final analysis queued)' })
  @ApiErrors(404, 409)
  stop(
    @Param('key') key: string,
    @Body() body: ExperimentActionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Experiment> {
    return this.experiments.stop(key, principal.actor, body?.reason);
  }
}
