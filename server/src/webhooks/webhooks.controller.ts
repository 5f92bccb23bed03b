import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CreatedWebhook, Page, Webhook, WebhookDelivery } from '@verdict/shared';
import { MinRole } from '../common/roles.decorator';
import { ApiErrors, ApiPageResponse } from '../common/openapi';
import { CreatedWebhookResponse, WebhookDeliveryResponse, WebhookResponse } from './dto/webhook.response';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @MinRole('admin')
  @ApiCreatedResponse({ type: CreatedWebhookResponse, description: 'The secret is shown this once' })
  create(@Body() body: CreateWebhookDto): Promise<CreatedWebhook> {
    return this.webhooks.create(body);
  }

  @Get()
  @MinRole('admin')
  @ApiPageResponse(WebhookResponse)
  list(): Promise<Page<Webhook>> {
    return this.webhooks.list();
  }

  @Patch(':id')
  @MinRole('admin')
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(404)
  update(@Param('id') id: string, @Body() body: UpdateWebhookDto): Promise<Webhook> {
    return this.webhooks.update(id, body);
  }

  @Delete(':id')
  @MinRole('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its delivery log; queued deliveries are dropped' })
  @ApiErrors(404)
  async remove(@Param('id') id: string): Promise<void> {
    await this.webhooks.remove(id);
  }

  @Get(':id/deliveries')
  @MinRole('admin')
  @ApiPageResponse(WebhookDeliveryResponse)
  @ApiErrors(404)
  deliveries(@Param('id') id: string): Promise<Page<WebhookDelivery>> {
    return this.webhooks.recentDeliveries(id);
  }

  @Post(':id/test')
  @MinRole('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookDeliveryResponse, description: 'One `webhook.test` event sent now; the attempt as logged' })
  @ApiErrors(404)
  test(@Param('id') id: string): Promise<WebhookDelivery> {
    return this.webhooks.sendTest(id);
  }
}
