import type { CreatedWebhook, CreateWebhookRequest, Page, UpdateWebhookRequest, Webhook, WebhookDelivery } from '@verdict/shared';
import { apiRequest } from './client';

const path = (id: string) => `/webhooks/${encodeURIComponent(id)}`;

export const listWebhooks = (): Promise<Page<Webhook>> => apiRequest('GET', '/webhooks');
export const createWebhook = (body: CreateWebhookRequest): Promise<CreatedWebhook> => apiRequest('POST', '/webhooks', { body });
export const updateWebhook = (id: string, body: UpdateWebhookRequest): Promise<Webhook> => apiRequest('PATCH', path(id), { body });
export const deleteWebhook = (id: string): Promise<void> => apiRequest('DELETE', path(id));
export const listDeliveries = (id: string): Promise<Page<WebhookDelivery>> => apiRequest('GET', `${path(id)}/deliveries`);
export const sendTestEvent = (id: string): Promise<WebhookDelivery> => apiRequest('POST', `${path(id)}/test`);
