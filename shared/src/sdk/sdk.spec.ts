import type { SdkConfig } from '../api';
import { assignVariant } from '../bucketing/assign-variant';
import { hashUnitId, unitIdTag } from '../bucketing/unit-id-hash';
import { LocalEvaluator } from './local-evaluator';
import { VerdictClient } from './client';
import { FetchLike, VerdictHttpError } from './transport';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: any;
}

/** A scripted server: answers each request with the next response (the last one repeats). */
function scriptedFetch(responses: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
  const calls: Call[] = [];
  let next = 0;
  const fetch: FetchLike = async (url, init) => {
    calls.push({
      method: init?.method ?? 'GET',
      url,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(init.body as string) : undefined,
    });
    const r = responses[Math.min(next++, responses.length - 1)];
    return new Response(r.status === 304 ? null : JSON.stringify(r.body ?? {}), { status: r.status, headers: r.headers });
  };
  return { fetch, calls };
}

const accepted = (n: number) => ({ status: 202, body: { accepted: n, duplicates: 0, rejected: [] } });
const event = (i: number) => ({ unitId: `u-${i}`, flowKey: 'onboarding', stepKey: 'trigger', outcome: 'aligned' as const });

describe('VerdictClient', () => {
  it('assigns through POST /api/v1/assignments with the bearer key', async () => {
    const answer = { experimentKey: 'e', unitId: 'u', inExperiment: true, variantKey: 'b', assignedAt: 'x', reason: 'assigned' };
    const { fetch, calls } = scriptedFetch([{ status: 200, body: answer }]);
    const client = new VerdictClient({ baseUrl: 'http://verdict.test/', apiKey: 'k-1', fetch });
    await expect(client.assign('e', 'u', { plan: 'pro' })).resolves.toEqual(answer);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'http://verdict.test/api/v1/assignments',
      headers: { authorization: 'Bearer k-1', 'content-type': 'application/json' },
      body: { experimentKey: 'e', unitId: 'u', attributes: { plan: 'pro' } },
    });
    await client.close();
  });

  it('queues events without waiting and sends them in batches of flushAt', async () => {
    const { fetch, calls } = scriptedFetch([accepted(3)]);
    const client = new VerdictClient({ baseUrl: 'http://v', apiKey: 'k', fetch, flushAt: 3, flushIntervalMs: 60_000 });
    const ids = [0, 1].map((i) => client.track(event(i)));
    expect(calls).toHaveLength(0);
    expect(new Set(ids).size).toBe(2);
    client.track({ ...event(2), id: 'mine', properties: { plan: 'pro' } });
    await client.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('http://v/api/v1/events');
    expect(calls[0].body.events.map((e: { id: string }) => e.id)).toEqual([...ids, 'mine']);
    expect(calls[0].body.events[2]).toMatchObject({ properties: { plan: 'pro' }, outcome: 'aligned' });
    expect(Date.parse(calls[0].body.events[0].occurredAt)).not.toBeNaN();
    await client.close();
  });

  it('identifies units in the background, in batches to POST /api/v1/units', async () => {
    const { fetch, calls } = scriptedFetch([{ status: 202, body: { accepted: 2 } }]);
    const client = new VerdictClient({ baseUrl: 'http://v', apiKey: 'k', fetch, flushAt: 2, flushIntervalMs: 60_000 });
    client.identify('u-1', { role: 'admin', seats: 12 });
    expect(calls).toHaveLength(0);
    client.identify('u-2', { role: 'end_user' });
    await client.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'http://v/api/v1/units',
      body: { units: [{ unitId: 'u-1', attributes: { role: 'admin', seats: 12 } }, { unitId: 'u-2', attributes: { role: 'end_user' } }] },
    });
    client.identify('u-1', { role: 'owner' });
    await client.close();
    expect(calls[1].body).toEqual({ units: [{ unitId: 'u-1', attributes: { role: 'owner' } }] });
  });

  it('flushes on its interval and on close', async () => {
    const { fetch, calls } = scriptedFetch([accepted(1)]);
    const client = new VerdictClient({ baseUrl: 'http://v', apiKey: 'k', fetch, flushAt: 100, flushIntervalMs: 20 });
    client.track(event(1));
    await new Promise((r) => setTimeout(r, 80));
    expect(calls).toHaveLength(1);
    client.track(event(2));
    await client.close();
    expect(calls).toHaveLength(2);
    expect(calls[1].body.events[0].unitId).toBe('u-2');
  });

  it('retries transient failures with backoff and resends the same ids', async () => {
    const { fetch, calls } = scriptedFetch([{ status: 503 }, { status: 429 }, accepted(1)]);
    const errors: unknown[] = [];
    const client = new VerdictClient({ baseUrl: 'http://v', apiKey: 'k', fetch, backoffMs: 5, onError: (e) => errors.push(e) });
    client.track({ ...event(1), id: 'evt-1' });
    await client.flush();
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.body.events[0].id)).toEqual(['evt-1', 'evt-1', 'evt-1']);
    expect(errors).toEqual([]);
    await client.close();
  });

  it('gives up on a 400 at once and reports it; a network error is retried', async () => {
    const { fetch, calls } = scriptedFetch([{ status: 400, body: { message: 'events must be an array' } }]);
    const errors: unknown[] = [];
    const client = new VerdictClient({ baseUrl: 'http://v', apiKey: 'k', fetch, backoffMs: 1, onError: (e) => errors.push(e) });
    client.track(event(1));
    await client.flush();
    expect(calls).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(VerdictHttpError);
    expect((errors[0] as VerdictHttpError).status).toBe(400);

    let attempts = 0;
    const flaky: FetchLike = async () => {
      if (++attempts < 3) throw new TypeError('fetch failed');
      return new Response(JSON.stringify(accepted(1).body), { status: 202 });
    };
    const other = new VerdictClient({ baseUrl: 'http://v', apiKey: 'k', fetch: flaky, backoffMs: 1, onError: (e) => errors.push(e) });
    other.track(event(2));
    await other.flush();
    expect(attempts).toBe(3);
    expect(errors).toHaveLength(1);
    await Promise.all([client.close(), other.close()]);
  });

  it('reports events the server rejected', async () => {
    const rejected = { accepted: 0, duplicates: 0, rejected: [{ index: 0, id: 'x', reason: 'unknown_flow: no flow "nope"' }] };
    const { fetch } = scriptedFetch([{ status: 202, body: rejected }]);
    const errors: Error[] = [];
    const client = new VerdictClient({ baseUrl: 'http://v', apiKey: 'k', fetch, onError: (e) => errors.push(e as Error) });
    client.track(event(1));
    await client.close();
    expect(errors[0].message).toMatch(/unknown_flow/);
  });

  it('does not hang on close when the server never answers', async () => {
    // Like a real fetch, it gives up only when the transport's per-attempt timeout aborts it.
    const hanging: FetchLike = (_url, init) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const client = new VerdictClient({
      baseUrl: 'http://v',
      apiKey: 'k',
      fetch: hanging,
      timeoutMs: 200,
      maxRetries: 0,
      closeTimeoutMs: 50,
      onError: () => undefined,
    });
    client.track(event(1));
    const started = Date.now();
    await client.close();
    expect(Date.now() - started).toBeLessThan(150);
    await new Promise((resolve) => setTimeout(resolve, 250)); // let the aborted attempt settle
  });

  it('drops the oldest events beyond maxQueue instead of growing without bound', async () => {
    const { fetch, calls } = scriptedFetch([accepted(5)]);
    const errors: unknown[] = [];
    const client = new VerdictClient({ baseUrl: 'http://v', apiKey: 'k', fetch, flushAt: 1000, maxQueue: 5, onError: (e) => errors.push(e) });
    for (let i = 0; i < 8; i++) client.track(event(i));
    await client.close();
    expect(calls[0].body.events.map((e: { unitId: string }) => e.unitId)).toEqual(['u-3', 'u-4', 'u-5', 'u-6', 'u-7']);
    expect(errors).toHaveLength(3);
  });
});

describe('LocalEvaluator', () => {
  // As GET /sdk/config sends it: listed units by hash only (qa-1 forced, vip-7 in a focus group).
  const salt = 'test-salt';
  const config: SdkConfig = {
    version: 'v1',
    generatedAt: '2026-11-22T00:00:00.000Z',
    configSalt: salt,
    unitIdTags: [unitIdTag(salt, 'qa-1'), unitIdTag(salt, 'vip-7')],
    experiments: [
      {
        key: 'checkout',
        seed: 'checkout-seed',
        status: 'running',
        variants: [
          { key: 'control', weight: 0.5, control: true },
          { key: 'one-page', weight: 0.5, control: false },
        ],
        coverage: 0.8,
        targeting: [
          { key: 'fr', rules: [{ attribute: 'country', op: 'eq', value: 'FR' }], members: [] },
          { key: 'vips', rules: [], members: [hashUnitId(salt, 'vip-7')] },
        ],
        forcedVariants: { [hashUnitId(salt, 'qa-1')]: 'one-page' },
      },
    ],
  };

  it('evaluates exactly as assignVariant does, and reports each first exposure once', async () => {
    const { fetch, calls } = scriptedFetch([{ status: 202, body: { accepted: 1, rejected: [] } }]);
    const sdk = new LocalEvaluator({ baseUrl: 'http://v', apiKey: 'k', fetch, refreshIntervalMs: 0, flushAt: 1000 });
    sdk.load(config);
    let inside = 0;
    for (let i = 0; i < 500; i++) {
      const attributes = { country: i % 3 === 0 ? 'DE' : 'FR' };
      const local = sdk.evaluate('checkout', `u-${i}`, attributes);
      expect(local).toEqual(assignVariant(config.experiments[0], `u-${i}`, attributes, hashUnitId(salt, `u-${i}`)));
      if (local.inExperiment) inside++;
      sdk.evaluate('checkout', `u-${i}`, attributes);
    }
    expect(sdk.evaluate('checkout', 'qa-1')).toMatchObject({ variantKey: 'one-page', reason: 'forced' });
    expect(sdk.evaluate('unknown', 'u-1')).toEqual({ inExperiment: false, variantKey: null, reason: 'not_running' });
    await sdk.close();
    const sent = calls.filter((c) => c.url.endsWith('/exposures')).flatMap((c) => c.body.exposures);
    expect(sent).toHaveLength(inside + 1);
    expect(sent[0]).toMatchObject({ experimentKey: 'checkout', variantKey: expect.any(String), attributes: expect.any(Object) });
    expect(Date.parse(sent[0].assignedAt)).not.toBeNaN();
  });

  it('finds listed units by their hash only', () => {
    const sdk = new LocalEvaluator({ baseUrl: 'http://v', apiKey: 'k', refreshIntervalMs: 0, trackExposures: false });
    sdk.load(config);
    // vip-7 fails the rule (DE) but is a focus-group member; u-7 is neither.
    expect(sdk.evaluate('checkout', 'vip-7', { country: 'DE' }).reason).not.toBe('not_targeted');
    expect(sdk.evaluate('checkout', 'u-7', { country: 'DE' }).reason).toBe('not_targeted');
    // An id written in clear in a hashed configuration is not a match.
    const clear = structuredClone(config);
    clear.experiments[0].forcedVariants = { 'qa-2': 'one-page' };
    clear.unitIdTags.push(unitIdTag(salt, 'qa-2'));
    sdk.load(clear);
    expect(sdk.evaluate('checkout', 'qa-2', { country: 'DE' }).reason).toBe('not_targeted');
    void sdk.close();
  });

  it('fetches the configuration and revalidates it with its ETag', async () => {
    const { fetch, calls } = scriptedFetch([
      { status: 200, body: config, headers: { etag: '"abc"' } },
      { status: 304, headers: { etag: '"abc"' } },
    ]);
    const sdk = new LocalEvaluator({ baseUrl: 'http://v', apiKey: 'k', fetch, refreshIntervalMs: 0, trackExposures: false });
    expect(sdk.evaluate('checkout', 'qa-1').reason).toBe('not_running');
    await sdk.ready();
    expect(sdk.version).toBe('"abc"');
    await sdk.refresh();
    expect(calls[0].url).toBe('http://v/api/v1/sdk/config');
    expect(calls[1].headers['if-none-match']).toBe('"abc"');
    expect(sdk.evaluate('checkout', 'qa-1').reason).toBe('forced');
    await sdk.close();
  });
});
