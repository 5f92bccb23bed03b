import { Inject, Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import * as ipaddr from 'ipaddr.js';
import type { WebhookEvent, WebhookFormat } from '@verdict/shared';
import { ENV, Env } from '../config/env';
import { slackBody } from './webhook-payloads';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

export const DELIVERY_TIMEOUT_MS = 5_000;

export interface DeliveryResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

export interface Receiver {
  url: string;
  secret: string;
  format: WebhookFormat;
}

/** Refused as a webhook URL (400 at creation, a failed attempt at delivery). */
export class WebhookUrlError extends Error {}

/**
 * One HTTP POST of one event: signed, 5 s timeout, redirects not followed (a 3xx is a failed
 * attempt), the receiver's response body ignored. Never throws: the result says what happened.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(ENV) private readonly env: Env) {}

  async send(receiver: Receiver, event: WebhookEvent): Promise<DeliveryResult> {
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    const body = JSON.stringify(receiver.format === 'slack' ? slackBody(event) : event);
    try {
      await this.checkUrl(receiver.url);
      const response = await fetch(receiver.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Verdict-Webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(receiver.secret, body, Math.floor(Date.now() / 1000)),
          'Verdict-Event-Id': event.id,
          'Verdict-Event-Type': event.type,
        },
        body,
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      let error: string | null = null;
      if (response.status >= 300 && response.status < 400) {
        error = `redirect to ${response.headers.get('location') ?? '?'} not followed`;
      } else if (!ok) {
        error = `HTTP ${response.status}`;
      }
      return { ok, statusCode: response.status, durationMs: elapsed(), error };
    } catch (error) {
      return { ok: false, statusCode: null, durationMs: elapsed(), error: describe(error) };
    }
  }

  /**
   * http(s) only; with `VERDICT_WEBHOOK_DENY_PRIVATE=true`, also no host that resolves to a
   * loopback, private, link-local or otherwise non-public address.
   */
  async checkUrl(raw: string): Promise<void> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookUrlError('is not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new WebhookUrlError(`must use http or https, not ${url.protocol.replace(/:$/, '')}`);
    }
    if (!this.env.webhookDenyPrivate) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = ipaddr.isValid(host)
      ? [host]
      : (await lookup(host, { all: true }).catch(() => {
          throw new WebhookUrlError(`host ${host} does not resolve`);
        })).map((entry) => entry.address);
    for (const address of addresses) {
      let parsed = ipaddr.parse(address);
      if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
        parsed = (parsed as ipaddr.IPv6).toIPv4Address();
      }
      if (parsed.range() !== 'unicast') {
        throw new WebhookUrlError(`resolves to ${address}, a ${parsed.range()} address (VERDICT_WEBHOOK_DENY_PRIVATE is on)`);
      }
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof WebhookUrlError) return `refused URL: ${error.message}`;
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return `no response within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return cause ? `${err.message} (${cause})` : String(err?.message ?? error);
}
