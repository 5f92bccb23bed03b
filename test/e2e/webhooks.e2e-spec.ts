import type { ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import type { CreatedWebhook, WebhookDelivery } from '@verdict/shared';
import { verifySignature } from '../../server/src/webhooks/webhook-signature';
import { request, startTestApp, TestApp } from '../support/app';
import { createExperiment, createHypothesis, createRunningExperiment, startExperiment } from '../support/factories';
import { TEST_ADMIN_TOKEN, TEST_DATABASE_URL } from '../support/test-env';
import { spawnFromSource } from '../support/spawn-from-source';
import { ReceivedRequest, WebhookReceiver } from '../support/webhook-receiver';

// Webhooks against a real HTTP receiver on 127.0.0.1: signed events, retries with the same
// event id, Slack's format, refused URLs, and an event that survives the app being killed
// right after the change that caused it.

/** The retry schedule shrunk a thousandfold: 10 s → 10 ms, 1 min → 60 ms. */
const FAST_RETRIES = { VERDICT_WEBHOOK_RETRY_SCALE: '0.001' };

type Api = TestApp['api'];

async function createWebhook(api: Api, body: Record<string, unknown>): Promise<CreatedWebhook> {
  const response = await api('POST', '/webhooks', body);
  expect(response.status).toBe(201);
  return response.body;
}

/** Verified here with Node's HMAC directly, independently of the server's own helper. */
function expectSigned(request: ReceivedRequest, secret: string): void {
  const header = String(request.headers['verdict-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  expect(match).not.toBeNull();
  const [, t, v1] = match!;
  expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
  expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${request.raw}`).digest('hex'));
  expect(verifySignature(secret, request.raw, header)).toBe(true);
  expect(verifySignature(`${secret}x`, request.raw, header)).toBe(false);
  expect(verifySignature(secret, `${request.raw} `, header)).toBe(false);
}

const verdictFor = (hypothesisId: string) => (request: ReceivedRequest) =>
  request.body?.type === 'verdict.changed' && request.body.data?.hypothesis?.id === hypothesisId;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `npm start`'s entry point (migrations, then the API) in a process of its own, run from source. */
function spawnApp(env: Record<string, string>): { child: ChildProcess; ready: Promise<void> } {
  const child = spawnFromSource('main.ts', env);
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Verdict listening')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`app exited (${code}) before listening:\n${output}`)));
  });
  return { child, ready };
}

describe('webhooks: an event committed just before a crash', () => {
  let receiver: WebhookReceiver;
  let child: ChildProcess | undefined;
  let pg: DataSource;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    pg = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL }).initialize();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await receiver.close();
    await pg.destroy();
  });

  it('is delivered after the app restarts', async () => {
    // The API alone (no worker in it, none elsewhere): the status change commits its event to
    // the outbox and nothing takes it further before the process is killed. This is the
    // window of a crash between the commit and the enqueue.
    const port = await freePort();
    const app = spawnApp({ PORT: String(port), HOST: '127.0.0.1', VERDICT_RUN_WORKER: 'false' });
    child = app.child;
    await app.ready;
    const baseUrl = `http://127.0.0.1:${port}`;
    const api: Api = (method, p, body, token = TEST_ADMIN_TOKEN) => request(baseUrl, method, p, body, token);

    const webhook = await createWebhook(api, { url: receiver.url, events: ['verdict.changed'] });
    const experiment = await createExperiment(api);
    await startExperiment(api, experiment.key);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));

    const pending = await pg.query(
      `SELECT id FROM webhook_events WHERE type = 'verdict.changed' AND enqueued_at IS NULL
         AND payload->'data'->'hypothesis'->>'id' = $1`,
      [experiment.hypothesisId],
    );
    expect(pending).toHaveLength(1);
    expect(receiver.received).toEqual([]);

    // Restarted (with its worker): the boot sweep finds the event and delivers it.
    const restarted = await startTestApp(FAST_RETRIES);
    try {
      const [delivered] = await receiver.waitFor(verdictFor(experiment.hypothesisId));
      expect(delivered.body).toMatchObject({
        id: pending[0].id,
        type: 'verdict.changed',
        data: { from: 'draft', to: 'running', experiment: experiment.key },
      });
      expectSigned(delivered, webhook.secret);
      expect((await restarted.api('DELETE', `/webhooks/${webhook.id}`)).status).toBe(204);
    } finally {
      await restarted.close();
    }
  }, 180_000);
});

describe('webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ ...FAST_RETRIES, VERDICT_PUBLIC_URL: 'https://verdict.example.com/' });
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    // Later test files change statuses too: leave no subscription pointing at a closed receiver.
    for (const webhook of (await t.api('GET', '/webhooks')).body.items) {
      await t.api('DELETE', `/webhooks/${webhook.id}`);
    }
    await receiver.close();
    await t.close();
  });
  beforeEach(() => {
    receiver.responder = () => 200;
  });

  describe('POST /api/v1/webhooks', () => {
    it('shows a generated secret once and never again', async () => {
      const created = await createWebhook(t.api, { url: receiver.url, events: ['analysis.failed'] });
      expect(created).toMatchObject({ url: receiver.url, events: ['analysis.failed'], format: 'json', active: true });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
      const listed = (await t.api('GET', '/webhooks')).body.items.find((w: { id: string }) => w.id === created.id);
      expect(listed).toBeDefined();
      expect(listed).not.toHaveProperty('secret');
      expect(JSON.stringify((await t.api('GET', '/webhooks')).body)).not.toContain(created.secret);
    });

    it.each(['ftp://example.com/hook', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url'])(
      'refuses %s with 400',
      async (url) => {
        const response = await t.api('POST', '/webhooks', { url, events: ['verdict.changed'] });
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
      },
    );

    it('refuses unknown event types and formats', async () => {
      expect((await t.api('POST', '/webhooks', { url: receiver.url, events: ['verdict.maybe'] })).status).toBe(400);
      expect((await t.api('POST', '/webhooks', { url: receiver.url, events: [] })).status).toBe(400);
      expect(
        (await t.api('POST', '/webhooks', { url: receiver.url, events: ['verdict.changed'], format: 'xml' })).status,
      ).toBe(400);
    });

    it('refuses loopback and private receivers when VERDICT_WEBHOOK_DENY_PRIVATE is on', async () => {
      const strict = await startTestApp({ VERDICT_WEBHOOK_DENY_PRIVATE: 'true', VERDICT_RUN_WORKER: 'false' });
      try {
        for (const url of [receiver.url, 'http://10.1.2.3/hook', 'http://[::1]:8080/hook', 'http://169.254.169.254/']) {
          const response = await strict.api('POST', '/webhooks', { url, events: ['verdict.changed'] });
          expect(response.status).toBe(400);
        }
      } finally {
        await strict.close();
      }
    });
  });

  describe('delivery', () => {
    it('sends a signed verdict.changed when a hypothesis starts running and when a person decides', async () => {
      const webhook = await createWebhook(t.api, {
        url: receiver.url,
        events: ['verdict.changed'],
        secret: 'a-secret-of-our-own-choosing',
      });
      expect(webhook.secret).toBe('a-secret-of-our-own-choosing');
      const experiment = await createRunningExperiment(t.api);

      const [started] = await receiver.waitFor(verdictFor(experiment.hypothesisId));
      expectSigned(started, webhook.secret);
      expect(started.headers['content-type']).toBe('application/json');
      expect(started.headers['verdict-event-id']).toBe(started.body.id);
      expect(started.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'verdict.changed',
        createdAt: expect.any(String),
        data: {
          hypothesis: { id: experiment.hypothesisId, title: expect.any(String) },
          version: 1,
          experiment: experiment.key,
          from: 'draft',
          to: 'running',
          reason: `experiment "${experiment.key}" started`,
          actor: 'admin',
          analysisId: null,
          link: `https://verdict.example.com/hypotheses/${experiment.hypothesisId}`,
        },
      });

      const override = await t.api('POST', `/hypotheses/${experiment.hypothesisId}/verdict`, {
        status: 'validated',
        note: 'The interviews settle it',
      });
      expect(override.status).toBe(200);
      const [, decided] = await receiver.waitFor(verdictFor(experiment.hypothesisId), 2);
      expect(decided.body.data).toMatchObject({ from: 'running', to: 'validated', reason: 'The interviews settle it' });
      expect(decided.body.id).not.toBe(started.body.id);
      expectSigned(decided, webhook.secret);
      await t.api('DELETE', `/webhooks/${webhook.id}`);
    });

    it('retries a receiver that answered 500 with the same event id, and logs both attempts', async () => {
      const webhook = await createWebhook(t.api, { url: receiver.url, events: ['experiment.status_changed'] });
      const seen = new Set<string>();
      receiver.responder = (req) => {
        if (req.body?.type !== 'experiment.status_changed') return 200;
        const first = !seen.has(req.body.id);
        seen.add(req.body.id);
        return first ? 500 : 200;
      };
      const experiment = await createRunningExperiment(t.api);
      const forThis = (req: ReceivedRequest) => req.body?.data?.experiment?.key === experiment.key;
      const [first, second] = await receiver.waitFor(forThis, 2);
      expect(second.body.id).toBe(first.body.id);
      expect(second.raw).toBe(first.raw);
      expect(first.body.data).toMatchObject({ from: 'draft', to: 'running', actor: 'admin' });
      expectSigned(second, webhook.secret);

      const deliveries = await waitForDeliveries(t, webhook.id, 2);
      expect(deliveries.map(({ attempt, statusCode, eventId }) => ({ attempt, statusCode, eventId }))).toEqual([
        { attempt: 2, statusCode: 200, eventId: first.body.id },
        { attempt: 1, statusCode: 500, eventId: first.body.id },
      ]);
      expect(deliveries[1]).toMatchObject({ type: 'experiment.status_changed', error: 'HTTP 500' });
      expect(deliveries[0].error).toBeNull();
      expect(deliveries[0].durationMs).toBeGreaterThanOrEqual(0);
      await t.api('DELETE', `/webhooks/${webhook.id}`);
    });

    it('posts {text, blocks} to a Slack-format webhook', async () => {
      const webhook = await createWebhook(t.api, { url: receiver.url, events: ['verdict.changed'], format: 'slack' });
      const hypothesis = await createHypothesis(t.api, { title: 'Slack-visible hypothesis' });
      await t.api('POST', `/hypotheses/${hypothesis.id}/verdict`, { status: 'refuted', note: 'Nobody used it' });
      const [message] = await receiver.waitFor((req) => typeof req.body?.text === 'string' && req.body.text.includes('Slack-visible'));
      expect(Object.keys(message.body).sort()).toEqual(['blocks', 'text']);
      expect(message.body.text).toContain('draft → refuted');
      expect(message.body.blocks).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'section' }),
          expect.objectContaining({ type: 'context' }),
        ]),
      );
      expect(JSON.stringify(message.body.blocks)).toContain('Nobody used it');
      await t.api('DELETE', `/webhooks/${webhook.id}`);
    });

    it('does not follow redirects: a 3xx is a failed attempt', async () => {
      const webhook = await createWebhook(t.api, { url: receiver.url, events: ['verdict.changed'] });
      receiver.responder = () => 302;
      const test = await t.api<WebhookDelivery>('POST', `/webhooks/${webhook.id}/test`);
      expect(test.status).toBe(200);
      expect(test.body).toMatchObject({ attempt: 1, statusCode: 302, type: 'webhook.test' });
      expect(test.body.error).toMatch(/redirect/);
      await t.api('DELETE', `/webhooks/${webhook.id}`);
    });
  });

  describe('POST /api/v1/webhooks/:id/test, PATCH, DELETE', () => {
    it('sends a signed test event now and logs it', async () => {
      const webhook = await createWebhook(t.api, { url: receiver.url, events: ['verdict.changed'] });
      const response = await t.api<WebhookDelivery>('POST', `/webhooks/${webhook.id}/test`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ type: 'webhook.test', attempt: 1, statusCode: 200, error: null });
      const [received] = await receiver.waitFor((req) => req.body?.id === response.body.eventId);
      expect(received.body.type).toBe('webhook.test');
      expectSigned(received, webhook.secret);
      const deliveries = (await t.api('GET', `/webhooks/${webhook.id}/deliveries`)).body;
      expect(deliveries.items[0]).toEqual(response.body);
    });

    it('reports an unreachable receiver without a status code', async () => {
      const port = await freePort(); // free a moment ago: nothing listens there
      const webhook = await createWebhook(t.api, { url: `http://127.0.0.1:${port}/nothing-here`, events: ['verdict.changed'] });
      const response = await t.api<WebhookDelivery>('POST', `/webhooks/${webhook.id}/test`);
      expect(response.body).toMatchObject({ statusCode: null, attempt: 1 });
      expect(response.body.error).toMatch(/ECONNREFUSED/);
      await t.api('DELETE', `/webhooks/${webhook.id}`);
    });

    it('changes a webhook and deletes it with its log', async () => {
      const webhook = await createWebhook(t.api, { url: receiver.url, events: ['verdict.changed'] });
      const patched = await t.api('PATCH', `/webhooks/${webhook.id}`, { events: ['analysis.failed'], active: false });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ events: ['analysis.failed'], active: false });
      expect((await t.api('PATCH', `/webhooks/${webhook.id}`, { url: 'gopher://x' })).status).toBe(400);
      expect((await t.api('DELETE', `/webhooks/${webhook.id}`)).status).toBe(204);
      expect((await t.api('DELETE', `/webhooks/${webhook.id}`)).status).toBe(404);
      expect((await t.api('GET', `/webhooks/${webhook.id}/deliveries`)).status).toBe(404);
      expect((await t.api('POST', '/webhooks/not-a-uuid/test')).status).toBe(404);
    });
  });
});

async function waitForDeliveries(t: TestApp, id: string, count: number): Promise<WebhookDelivery[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const items: WebhookDelivery[] = (await t.api('GET', `/webhooks/${id}/deliveries`)).body.items;
    if (items.length >= count || Date.now() > deadline) return items;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
