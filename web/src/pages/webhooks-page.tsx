import {
  WEBHOOK_EVENT_TYPES,
  type CreatedWebhook,
  type Webhook,
  type WebhookDelivery,
  type WebhookEventType,
  type WebhookFormat,
} from '@verdict/shared';
import { FormEvent, useState } from 'react';
import { describeError } from '../api/client';
import { FormError } from '../components/form/form-error';
import { EmptyState, ErrorMessage, Loading } from '../components/query-state';
import { dateTime } from '../format';
import { usePageTitle } from '../hooks/use-page-title';
import { useDeliveries, useWebhookActions, useWebhooks } from '../hooks/use-webhooks';

const EVENT_LABELS: Record<WebhookEventType, string> = {
  'verdict.changed': 'A hypothesis changes status (verdicts included)',
  'experiment.status_changed': 'An experiment starts, pauses or stops',
  'experiment.srm_detected': 'An analysis finds a sample-ratio mismatch',
  'analysis.failed': 'An analysis fails for good',
  'expectation.changed': 'A cohort expectation of a hypothesis changes status',
  'journey.health_escalated': "A persona's journey falls below its expectation",
  'journey.health_recovered': "A persona's journey is back at its expectation",
};

const NODE_SNIPPET = `const { createHmac, timingSafeEqual } = require('node:crypto');

// rawBody: the request body exactly as received (before JSON.parse)
function verify(secret, rawBody, header) {
  const { t, v1 } = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const expected = createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest('hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 300;
  return fresh && v1?.length === 64 &&
    timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(expected, 'hex'));
}`;

const PYTHON_SNIPPET = `import hashlib, hmac, time

# raw_body: the request body bytes exactly as received
def verify(secret: str, raw_body: bytes, header: str) -> bool:
    parts = dict(p.split("=", 1) for p in header.split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + raw_body,
                        hashlib.sha256).hexdigest()
    return (abs(time.time() - int(parts["t"])) < 300
            and hmac.compare_digest(expected, parts.get("v1", "")))`;

export function WebhooksPage() {
  usePageTitle('Webhooks');
  const webhooks = useWebhooks();
  const [created, setCreated] = useState<CreatedWebhook | null>(null);

  return (
    <section aria-labelledby="webhooks-title">
      <div className="page-header">
        <div>
          <h1 id="webhooks-title">Webhooks</h1>
          <p className="muted">
            Tell Slack or your own tools when a verdict changes or an experiment needs attention. Every request is signed; a
            receiver that does not answer 2xx is retried for about 21 hours (10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h).
          </p>
        </div>
      </div>
      <NewWebhookForm onCreated={setCreated} />
      {created && (
        <div className="banner" role="status">
          <strong>Copy the signing secret for {created.url} now:</strong> it is shown only once.
          <pre className="secret" data-testid="new-secret">
            {created.secret}
          </pre>
        </div>
      )}
      <VerifySnippet />
      {webhooks.isPending ? (
        <Loading />
      ) : webhooks.isError ? (
        <ErrorMessage error={webhooks.error} title="Could not load the webhooks" />
      ) : webhooks.data.items.length === 0 ? (
        <EmptyState title="No webhooks yet">
          <p>Add a URL above: a Slack incoming webhook, or an endpoint of your own.</p>
        </EmptyState>
      ) : (
        webhooks.data.items.map((webhook) => <WebhookCard key={webhook.id} webhook={webhook} />)
      )}
    </section>
  );
}

function NewWebhookForm({ onCreated }: { onCreated(webhook: CreatedWebhook): void }) {
  const { create } = useWebhookActions();
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('json');
  const [events, setEvents] = useState<WebhookEventType[]>(['verdict.changed']);

  function toggle(type: WebhookEventType) {
    setEvents(events.includes(type) ? events.filter((e) => e !== type) : [...events, type]);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { url: url.trim(), events, format },
      {
        onSuccess: (webhook) => {
          onCreated(webhook);
          setUrl('');
        },
      },
    );
  }

  return (
    <form className="card form" onSubmit={onSubmit} aria-label="New webhook">
      <div className="field-row">
        <label className="field grow" htmlFor="webhook-url">
          <span>URL</span>
          <input
            id="webhook-url"
            type="url"
            required
            value={url}
            placeholder="https://hooks.slack.com/services/…"
            onChange={(event) => setUrl(event.target.value)}
          />
        </label>
        <label className="field" htmlFor="webhook-format">
          <span>Format</span>
          <select id="webhook-format" value={format} onChange={(event) => setFormat(event.target.value as WebhookFormat)}>
            <option value="json">JSON (signed event)</option>
            <option value="slack">Slack message</option>
          </select>
        </label>
      </div>
      <fieldset className="field checkbox-stack">
        <legend>Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} />{' '}
            <code>{type}</code> — {EVENT_LABELS[type]}
          </label>
        ))}
      </fieldset>
      <FormError error={create.error} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={create.isPending || !url.trim() || events.length === 0}>
          Add webhook
        </button>
      </div>
    </form>
  );
}

function VerifySnippet() {
  return (
    <details className="card">
      <summary>
        <strong>How to verify the signature</strong>
      </summary>
      <p className="muted small">
        Each request carries <code>Verdict-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>: an HMAC-SHA256, keyed with the
        secret, of <code>t + &quot;.&quot; + body</code>. Check it on the raw body, refuse timestamps older than a few minutes,
        and skip event ids you have already handled (an event may come twice, always with the same <code>id</code>).
      </p>
      <h3>Node</h3>
      <pre className="code-block">{NODE_SNIPPET}</pre>
      <h3>Python</h3>
      <pre className="code-block">{PYTHON_SNIPPET}</pre>
    </details>
  );
}

function WebhookCard({ webhook }: { webhook: Webhook }) {
  const { update, remove, test } = useWebhookActions();
  const deliveries = useDeliveries(webhook.id);
  const [confirming, setConfirming] = useState(false);
  const [lastTest, setLastTest] = useState<WebhookDelivery | null>(null);

  return (
    <article className="card" aria-label={`Webhook ${webhook.url}`}>
      <div className="page-header">
        <div>
          <h2 className="webhook-url">{webhook.url}</h2>
          <p className="muted small">
            <span className="tag">{webhook.format}</span> {webhook.active ? 'active' : <strong>paused</strong>} · since{' '}
            {dateTime(webhook.createdAt)}
          </p>
          <p>
            {webhook.events.map((type) => (
              <span key={type} className="tag tag-primary event-tag">
                {type}
              </span>
            ))}
          </p>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={test.isPending}
            onClick={() => test.mutate(webhook.id, { onSuccess: (delivery) => setLastTest(delivery) })}
          >
            Send test
          </button>
          <button
            type="button"
            className="button ghost"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: webhook.id, body: { active: !webhook.active } })}
          >
            {webhook.active ? 'Pause' : 'Resume'}
          </button>
          {confirming ? (
            <>
              <button type="button" className="button danger" onClick={() => remove.mutate(webhook.id)}>
                Confirm delete
              </button>
              <button type="button" className="button ghost" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="button ghost" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </div>
      </div>
      {lastTest && (
        <p className={lastTest.error ? 'field-error' : 'success'} role="status" data-testid="test-result">
          Test event: {lastTest.statusCode ?? 'no response'} in {lastTest.durationMs} ms{lastTest.error ? ` — ${lastTest.error}` : ''}
        </p>
      )}
      {test.isError && <p className="field-error">{describeError(test.error)}</p>}
      <FormError error={remove.error ?? update.error} />
      <h3>Recent deliveries</h3>
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.isError ? (
        <ErrorMessage error={deliveries.error} title="Could not load the deliveries" />
      ) : deliveries.data.items.length === 0 ? (
        <p className="muted small">Nothing sent yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label={`Deliveries to ${webhook.url}`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col" className="num">
                  Attempt
                </th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Time
                </th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.slice(0, 20).map((delivery) => (
                <tr key={`${delivery.eventId}-${delivery.attempt}-${delivery.at}`}>
                  <td>{dateTime(delivery.at)}</td>
                  <td>
                    <code>{delivery.type}</code>
                  </td>
                  <td className="num">{delivery.attempt}</td>
                  <td>
                    <span className={`tag ${delivery.statusCode !== null && delivery.statusCode < 300 ? 'tag-up' : 'tag-down'}`}>
                      {delivery.statusCode ?? 'no response'}
                    </span>
                  </td>
                  <td className="num">{delivery.durationMs} ms</td>
                  <td className="small">{delivery.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
