import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Flow, Page } from '@verdict/shared';
import { PageQueryDto } from '../common/page-query.dto';
import { CreateFlowDto, UpdateFlowDto } from './dto/flow.dto';
import { FlowsService } from './flows.service';
import { MinRole } from '../auth/roles.decorator';

@ApiTags('flows')
@ApiBearerAuth()
@Controller('flows')
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  @Post()
  @MinRole('editor')
  create(@Body() body: CreateFlowDto): Promise<Flow> {
    return this.flows.create(body);
  }

  @Get()
  @MinRole('viewer')
  list(@Query() query: PageQueryDto): Promise<Page<Flow>> {
    return this.flows.list(query.limit, query.offset);
  }

  @Get(':key')
  @MinRole('viewer')
  get(@Param('key') key: string): Promise<Flow> {
    return this.flows.get(key);
  }

  @Patch(':key')
  @MinRole('editor')
  update(@Param('key') key: string, @Body() body: UpdateFlowDto): Promise<Flow> {
    return this.flows.update(key, body);
  }
}
