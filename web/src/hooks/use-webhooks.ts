import type { CreateWebhookRequest, UpdateWebhookRequest } from '@verdict/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, sendTestEvent, updateWebhook } from '../api/webhooks';
import { queryKeys } from './query-keys';

export const useWebhooks = () => useQuery({ queryKey: queryKeys.webhooks, queryFn: listWebhooks });

/** Refreshed every few seconds: retries land on their own. */
export const useDeliveries = (id: string) =>
  useQuery({ queryKey: queryKeys.webhookDeliveries(id), queryFn: () => listDeliveries(id), refetchInterval: 5000 });

export function useWebhookActions() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: queryKeys.webhooks });
  return {
    create: useMutation({ mutationFn: (body: CreateWebhookRequest) => createWebhook(body), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateWebhookRequest }) => updateWebhook(id, body),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => deleteWebhook(id), onSuccess }),
    test: useMutation({ mutationFn: (id: string) => sendTestEvent(id), onSuccess }),
  };
}
