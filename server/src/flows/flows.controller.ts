import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiPageResponse } from '../common/openapi';
import { FlowResponse } from './dto/flow.response';
import type { Flow, Page } from '@verdict/shared';
import { PageQueryDto } from '../common/page-query.dto';
import { CreateFlowDto, UpdateFlowDto } from './dto/flow.dto';
import { FlowsService } from './flows.service';
import { MinRole } from '../common/roles.decorator';

@ApiTags('flows')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('flows')
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  @Post()
  @MinRole('editor')
  @ApiCreatedResponse({ type: FlowResponse })
  @ApiErrors(409)
  create(@Body() body: CreateFlowDto): Promise<Flow> {
    return this.flows.create(body);
  }

  @Get()
  @MinRole('viewer')
  @ApiPageResponse(FlowResponse)
  @ApiErrors(400)
  list(@Query() query: PageQueryDto): Promise<Page<Flow>> {
    return this.flows.list(query.limit, query.offset);
  }

  @Get(':key')
  @MinRole('viewer')
  @ApiOkResponse({ type: FlowResponse })
  @ApiErrors(404)
  get(@Param('key') key: string): Promise<Flow> {
    return this.flows.get(key);
  }

  @Patch(':key')
  @MinRole('editor')
  @ApiOkResponse({ type: FlowResponse })
  @ApiErrors(404, 409)
  update(@Param('key') key: string, @Body() body: UpdateFlowDto): Promise<Flow> {
    return this.flows.update(key, body);
  }
}
