import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiPageResponse } from '../common/openapi';
import { ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.response';
import type { ApiKey, CreatedApiKey, Page } from '@verdict/shared';
import { NotFoundError } from '../common/domain-error';
import { isUuid, PageQueryDto } from '../common/page-query.dto';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { MinRole } from '../common/roles.decorator';

@ApiTags('api-keys')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @MinRole('admin')
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The key is shown this once' })
  create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKey> {
    return this.apiKeys.create(body.name, body.scope);
  }

  @Get()
  @MinRole('admin')
  @ApiPageResponse(ApiKeyResponse)
  @ApiErrors(400)
  list(@Query() query: PageQueryDto): Promise<Page<ApiKey>> {
    return this.apiKeys.list(query.limit, query.offset);
  }

  @Delete(':id')
  @MinRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(404)
  async revoke(@Param('id') id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError('API key', id);
    await this.apiKeys.revoke(id);
  }
}
