import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { TEST_ADMIN_TOKEN } from '../support/test-env';
import { createFlow, createHypothesis, createRunningExperiment, experimentRequest, flowRequest } from '../support/factories';

// Every class of bad input gets a named 4xx and writes nothing (docs/api.md, "Bad input").

/** `[[[…]]]` (arrays) or `{"a":{"a":…}}` (objects) nested `levels` deep around `inner`. */
function nested(levels: number, inner: unknown = 1, kind: 'array' | 'object' = 'object'): string {
  const open = kind === 'array' ? '[' : '{"a":';
  const close = kind === 'array' ? ']' : '}';
  return open.repeat(levels) + JSON.stringify(inner) + close.repeat(levels);
}

describe('bad input', () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    // A stand-in build of the console, so the console's fallback is part of the app.
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'verdict-web-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Verdict console</title>');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("verdict")');
    t = await startTestApp({ VERDICT_WEB_DIST: dist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const raw = (method: string, route: string, body?: string | Buffer, contentType = 'application/json') =>
    fetch(`${t.baseUrl}${route.startsWith('/api/') || route.startsWith('/ofrep') ? route : `/api/v1${route}`}`, {
      method,
      headers: {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      // Raw bytes go as a Blob: fetch's types do not take a Buffer.
      body: typeof body === 'string' || body === undefined ? body : new Blob([new Uint8Array(body)]),
    });
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.dataSource.query(sql, params))[0].count);
  const flowsNamed = (key: string) => count('SELECT count(*) FROM flows WHERE key = $1', [key]);
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  describe('strings (U+0000 and lone surrogates)', () => {
    it.each([
      ['U+0000 in a value', (f: Record<string, any>) => ({ ...f, name: 'On\u0000boarding' }), 'name', /U\+0000/],
      ['a lone high surrogate', (f: Record<string, any>) => ({ ...f, description: 'x\ud800y' }), 'description', /surrogate/],
      ['a lone low surrogate in a nested value', (f: Record<string, any>) => ({ ...f, steps: [{ ...f.steps[0], name: '\udc00' }, ...f.steps.slice(1)] }), 'steps[0].name', /surrogate/],
      ['U+0000 in a key', (f: Record<string, any>) => ({ ...f, ['ex\u0000tra']: 1 }), '["ex\\u0000tra"]', /key must not contain U\+0000/],
    ])('refuses %s with a 400 naming the field, and stores nothing', async (_what, change, field, reason) => {
      const flow = flowRequest();
      const res = await t.api('POST', '/flows', change(flow));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field, reason: expect.stringMatching(reason) }]);
      expect(await flowsNamed(flow.key)).toBe(0);
    });

    it('accepts well-formed text outside the BMP (a surrogate pair) and the escaped text "\\u0000"', async () => {
      const flow = flowRequest({ name: 'Onboarding 🚀', description: 'literally \\u0000' });
      const res = await t.api('POST', '/flows', flow);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'Onboarding 🚀', description: 'literally \\u0000' });
    });

    it('refuses them in POST /assignments (the native route) before anything is stored', async () => {
      const experiment = await createRunningExperiment(t.api);
      const res = await t.api('POST', '/assignments', { experimentKey: experiment.key, unitId: 'u-1', attributes: { plan: { '\ud83d': 'x' } } });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['attributes.plan["\\ud83d"]']);
      const unit = await t.api('POST', '/assignments', { experimentKey: experiment.key, unitId: 'unit-\u0000' });
      expect(unit.status).toBe(400);
      expect(fieldsOf(unit.body)).toEqual(['unitId']);
      expect(await count('SELECT count(*) FROM assignments WHERE experiment_id = $1', [experiment.id])).toBe(0);
    });

    it('refuses bytes that are not UTF-8 (they would decode to one U+FFFD for distinct ids)', async () => {
      const flow = flowRequest();
      const body = Buffer.concat([Buffer.from(JSON.stringify(flow).slice(0, -1)), Buffer.from(',"name":"a\xff"}', 'latin1')]);
      const res = await raw('POST', '/flows', body);
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ field: 'body', reason: 'must be UTF-8 encoded' }]);
      expect(await flowsNamed(flow.key)).toBe(0);
    });

    it('refuses U+0000 and lone surrogates in path parameters and query strings (400, not 500)', async () => {
      const cases: [string, string][] = [
        ['/flows/on%00boarding', 'params.key'],
        ['/hypotheses?owner=ma%00ria', 'query.owner'],
        ['/experiments?limit=1&status=%00', 'query.status'],
      ];
      for (const [route, field] of cases) {
        const res = await t.api('GET', route);
        expect({ route, status: res.status }).toEqual({ route, status: 400 });
        expect(fieldsOf(res.body)).toContain(field);
      }
    });
  });

  describe('POST /events with a bad string in one event', () => {
    it('rejects that event alone as invalid_string and keeps the rest; distinct ids never collide', async () => {
      const flow = await createFlow(t.api);
      const prefix = uniqueKey('evt');
      const event = (id: string, extra: Record<string, unknown> = {}) => ({
        id,
        unitId: 'u-1',
        flowKey: flow.key,
        stepKey: 'signup',
        outcome: 'aligned',
        ...extra,
      });
      const res = await t.api('POST', '/events', {
        events: [
          event(`${prefix}-\ud800`),
          event(`${prefix}-\ud801`),
          event(`${prefix}-ok`),
          event(`${prefix}-nul`, { properties: { note: 'a\u0000b' } }),
          event(`${prefix}-key`, { properties: { ['\udfff']: 1 } }),
          event(`${prefix}-flow`, { flowKey: `${flow.key}\u0000` }),
        ],
      });
      expect(res.status).toBe(202);
      expect(res.body.accepted).toBe(1);
      expect(res.body.duplicates).toBe(0);
      expect(res.body.rejected.map((r: { index: number; reason: string }) => [r.index, r.reason])).toEqual([
        [0, 'invalid_string: id must not contain a lone UTF-16 surrogate'],
        [1, 'invalid_string: id must not contain a lone UTF-16 surrogate'],
        [3, 'invalid_string: properties.note must not contain U+0000 (NUL)'],
        [4, 'invalid_string: properties["\\udfff"] key must not contain a lone UTF-16 surrogate'],
        [5, 'invalid_string: flowKey must not contain U+0000 (NUL)'],
      ]);
      expect(await count('SELECT count(*) FROM step_events WHERE id LIKE $1', [`${prefix}%`])).toBe(1);
    });
  });

  describe('nesting', () => {
    it.each([
      ['arrays', 'array' as const],
      ['objects', 'object' as const],
    ])('answers 100,000 levels of %s with a 400, not a stack overflow', async (_what, kind) => {
      const flow = flowRequest();
      const body = `${JSON.stringify(flow).slice(0, -1)},"description":${nested(100_000, 1, kind)}}`;
      const res = await raw('POST', '/flows', body);
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ field: 'body', reason: expect.stringMatching(/nest deeper than 32/) }]);
      expect(await flowsNamed(flow.key)).toBe(0);
      expect((await t.api('GET', '/health')).status).toBe(200);
    });

    it('allows 32 levels in a body and refuses 33, naming the field', async () => {
      const flow = flowRequest();
      // The body is level 1: `description` holding 31 levels makes 32.
      const ok = await raw('POST', '/flows', `${JSON.stringify(flow).slice(0, -1)},"description":${nested(31)}}`);
      expect(ok.status).toBe(400);
      const okBody = await ok.json();
      // The DTO's own reasons (not a string), not nesting.
      expect(new Set(fieldsOf(okBody))).toEqual(new Set(['description']));
      expect(JSON.stringify(okBody)).not.toContain('nest');
      const deep = await raw('POST', '/flows', `${JSON.stringify(flow).slice(0, -1)},"description":${nested(32)}}`);
      expect(deep.status).toBe(400);
      const body = await deep.json();
      expect(body.errors).toEqual([{ field: `description${'.a'.repeat(31)}`, reason: 'nests deeper than 32 levels' }]);
      expect(await flowsNamed(flow.key)).toBe(0);
    });

    it('allows 64 levels inside unit attributes and event properties, and refuses 65', async () => {
      const experiment = await createRunningExperiment(t.api);
      const assign = (levels: number) =>
        raw('POST', '/assignments', `{"experimentKey":${JSON.stringify(experiment.key)},"unitId":"u-deep","attributes":${nested(levels)}}`);
      expect((await assign(64)).status).toBe(200);
      const tooDeep = await assign(65);
      expect(tooDeep.status).toBe(400);
      expect((await tooDeep.json()).errors).toEqual([
        { field: `attributes${'.a'.repeat(64)}`, reason: 'nests deeper than 64 levels (counted from the free-form field)' },
      ]);

      const flow = await createFlow(t.api);
      const id = uniqueKey('evt');
      const events = (levels: number) =>
        raw(
          'POST',
          '/events',
          `{"events":[{"id":"${id}-${levels}","unitId":"u","flowKey":"${flow.key}","stepKey":"signup","outcome":"aligned","properties":${nested(levels)}}]}`,
        );
      const accepted = await events(64);
      expect(accepted.status).toBe(202);
      expect((await accepted.json()).accepted).toBe(1);
      const refused = await events(65);
      expect(refused.status).toBe(400);
      expect(fieldsOf(await refused.json())).toEqual([`events[0].properties${'.a'.repeat(64)}`]);
      expect(await count('SELECT count(*) FROM step_events WHERE id = $1', [`${id}-65`])).toBe(0);
    });
  });

  describe('dates: RFC 3339 with a time zone only', () => {
    const near = (ms: number) => new Date(Date.now() + ms);
    const iso = near(-3600_000).toISOString();
    const withOffset = `${iso.slice(0, 19)}+00:00`;
    const bad = [
      `${String(near(0).getUTCMonth() + 1).padStart(2, '0')}/${String(near(0).getUTCDate()).padStart(2, '0')}/${near(0).getUTCFullYear()}`,
      near(-3600_000).toUTCString().slice(5, 16), // e.g. "23 Nov 2026"
      'November 23, 2026',
      iso.slice(0, 19), // no time zone
      iso.slice(0, 10), // no time
      '2026-02-30T00:00:00Z',
    ];

    it('in /events: each bad occurredAt rejects its event (invalid_occurred_at); good ones are kept', async () => {
      const flow = await createFlow(t.api);
      const prefix = uniqueKey('evt');
      const event = (i: number, occurredAt: string) => ({ id: `${prefix}-${i}`, unitId: 'u', flowKey: flow.key, stepKey: 'signup', outcome: 'aligned', occurredAt });
      const res = await t.api('POST', '/events', { events: [event(0, iso), event(1, withOffset), ...bad.map((at, i) => event(i + 2, at))] });
      expect(res.status).toBe(202);
      expect(res.body.accepted).toBe(2);
      expect(res.body.rejected).toEqual(
        bad.map((_, i) => ({ index: i + 2, id: `${prefix}-${i + 2}`, reason: expect.stringMatching(/^invalid_occurred_at: must be an RFC 3339 date-time with a time zone/) })),
      );
      expect(await count('SELECT count(*) FROM step_events WHERE id LIKE $1', [`${prefix}-%`])).toBe(2);
    });

    it('in /exposures: a bad assignedAt is a 400 naming exposures[i].assignedAt, and nothing is stored', async () => {
      const experiment = await createRunningExperiment(t.api, { coverage: 1 });
      for (const assignedAt of bad) {
        const res = await t.api('POST', '/exposures', {
          exposures: [{ experimentKey: experiment.key, unitId: 'u-date', variantKey: 'control', assignedAt }],
        });
        expect({ assignedAt, status: res.status }).toEqual({ assignedAt, status: 400 });
        expect(fieldsOf(res.body)).toEqual(['exposures[0].assignedAt']);
      }
      expect(await count('SELECT count(*) FROM assignments WHERE experiment_id = $1', [experiment.id])).toBe(0);
    });

    it('in cohort rules: a date value must be RFC 3339 with a time zone', async () => {
      const key = uniqueKey('cohort');
      const res = await t.api('POST', '/cohorts', { key, name: 'Recent', kind: 'segment', rules: [{ attribute: 'signedUpAt', op: 'gt', value: '11/23/2026' }] });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['rules[0].value']);
      expect(await count('SELECT count(*) FROM cohorts WHERE key = $1', [key])).toBe(0);
      const ok = await t.api('POST', '/cohorts', { key, name: 'Recent', kind: 'segment', rules: [{ attribute: 'signedUpAt', op: 'gt', value: '2026-11-23T10:00:00+01:00' }] });
      expect(ok.status).toBe(201);
    });
  });

  describe('limit, offset and counts', () => {
    it.each([
      ['limit=1.5', 'limit'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['offset=2147483648', 'offset'],
      ['offset=99999999999999999999999', 'offset'],
      ['offset=1e400', 'offset'],
    ])('refuses ?%s with a 400 naming it', async (query, field) => {
      for (const list of ['/flows', '/hypotheses', '/experiments', '/cohorts', '/api-keys']) {
        const res = await t.api('GET', `${list}?${query}`);
        expect({ list, status: res.status }).toEqual({ list, status: 400 });
        expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
      }
    });

    it('answers the largest offset with an empty page', async () => {
      const res = await t.api('GET', '/flows?offset=2147483647&limit=500');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    });

    it('documents limit and offset as integers with their ranges', async () => {
      const doc = (await t.api('GET', '/api/docs-json')).body;
      const params = doc.paths['/api/v1/flows'].get.parameters;
      expect(params.find((p: { name: string }) => p.name === 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500 });
      expect(params.find((p: { name: string }) => p.name === 'offset').schema).toMatchObject({ type: 'integer', minimum: 0, maximum: 2 ** 31 - 1 });
    });

    it('refuses a plan above 10^9 units per variant, naming what made it', async () => {
      // 1.6e12 units per variant (relative effect 0.0001 on a 0.1 % baseline): more than an int holds.
      const hypothesis = await createHypothesis(t.api, { minimumEffect: 0.0001 });
      const tooSmall = experimentRequest(hypothesis.id, { baselineRate: 0.001 });
      const res = await t.api('POST', '/experiments', tooSmall);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'baselineRate', reason: expect.stringContaining('minimumEffect too small to detect at this baseline') }]);

      const given = experimentRequest((await createHypothesis(t.api)).id, { plannedSampleSize: 3_000_000_000 });
      const big = await t.api('POST', '/experiments', given);
      expect(big.status).toBe(400);
      expect(fieldsOf(big.body)).toEqual(['plannedSampleSize']);
      expect(await count('SELECT count(*) FROM experiments WHERE key IN ($1, $2)', [tooSmall.key, given.key])).toBe(0);

      const draft = await t.api('POST', '/experiments', experimentRequest((await createHypothesis(t.api)).id));
      expect(draft.status).toBe(201);
      const patch = await t.api('PATCH', `/experiments/${draft.body.key}`, { plannedSampleSize: 2 ** 31 });
      expect(patch.status).toBe(400);
      expect(fieldsOf(patch.body)).toEqual(['plannedSampleSize']);
      expect((await t.api('GET', `/experiments/${draft.body.key}`)).body.plannedSampleSize).toBe(draft.body.plannedSampleSize);
    });
  });

  describe('bodies that are not a JSON object', () => {
    it.each(['[]', '"flow"', '42', 'null', 'true'])('refuses %s with a 400 naming the body', async (body) => {
      const res = await raw('POST', '/flows', body);
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ field: 'body', reason: 'must be a JSON object' }]);
    });

    it('refuses a null body for a PATCH too', async () => {
      const flow = await createFlow(t.api);
      const res = await raw('PATCH', `/flows/${flow.key}`, 'null');
      expect(res.status).toBe(400);
    });

    it('refuses prototype poisoning', async () => {
      const flow = flowRequest();
      const res = await raw('POST', '/flows', `${JSON.stringify(flow).slice(0, -1)},"__proto__":{"admin":true}}`);
      expect(res.status).toBe(400);
      expect(await flowsNamed(flow.key)).toBe(0);
    });
  });

  describe('content types and methods', () => {
    it.each([
      ['application/x-www-form-urlencoded', 'key=f&name=Flow'],
      ['text/plain', JSON.stringify(flowRequest())],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="key"\r\n\r\nf\r\n--x--'],
      ['application/xml', '<flow/>'],
    ])('answers 415 to a %s body and stores nothing', async (contentType, body) => {
      const before = await count('SELECT count(*) FROM flows');
      const res = await raw('POST', '/flows', body, contentType);
      expect(res.status).toBe(415);
      expect(await count('SELECT count(*) FROM flows')).toBe(before);
    });

    it('accepts JSON with a charset', async () => {
      const res = await raw('POST', '/flows', JSON.stringify(flowRequest()), 'application/json; charset=utf-8');
      expect(res.status).toBe(201);
    });

    it.each([
      ['DELETE', '/flows', ['GET', 'POST']],
      ['PUT', '/flows/some-flow', ['GET', 'PATCH']],
      ['POST', '/health', ['GET']],
      ['GET', '/assignments', ['POST']],
      ['DELETE', '/experiments/some-exp/start', ['POST']],
    ])('answers %s %s with 405 and an Allow header', async (method, route, methods) => {
      const res = await raw(method, route);
      expect(res.status).toBe(405);
      const allow = (res.headers.get('allow') ?? '').split(', ');
      expect(allow).toEqual(expect.arrayContaining(methods));
      expect((await res.json()).statusCode).toBe(405);
    });

    it('answers unknown static files with 404, not the console', async () => {
      for (const route of ['/assets/missing.js', '/assets/index-abc123.css', '/favicon-unknown.png', '/robots.txt']) {
        const res = await fetch(`${t.baseUrl}${route}`);
        expect({ route, status: res.status }).toEqual({ route, status: 404 });
        expect(await res.text()).not.toContain('Verdict console');
      }
      // Console routes (keys may hold dots) still get the console.
      const route = await fetch(`${t.baseUrl}/experiments/checkout.v2`);
      expect(route.status).toBe(200);
      expect(await route.text()).toContain('Verdict console');
    });

    it('never answers API paths with the console', async () => {
      for (const route of ['/api', '/api/v2/flows', '/ofrep', '/ofrep/v2/evaluate/flags']) {
        const res = await fetch(`${t.baseUrl}${route}`);
        expect({ route, status: res.status }).toEqual({ route, status: 404 });
        expect(await res.text()).not.toContain('Verdict console');
      }
      // The OFREP routes take POST only: GET is a 405, never the console.
      const get = await fetch(`${t.baseUrl}/ofrep/v1/evaluate/flags/some-flag`);
      expect({ status: get.status, allow: get.headers.get('allow') }).toEqual({ status: 405, allow: 'POST' });
      expect(await get.text()).not.toContain('Verdict console');
    });

    it('sends security headers on every response', async () => {
      const responses = [
        await fetch(`${t.baseUrl}/`),
        await fetch(`${t.baseUrl}/api/v1/health`),
        await fetch(`${t.baseUrl}/api/docs`),
        await raw('POST', '/assignments', '{}'),
        await raw('GET', '/no-such-route'),
        await raw('POST', '/flows', 'x', 'text/plain'),
      ];
      for (const res of responses) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(res.headers.get('strict-transport-security')).toBeTruthy();
      }
    });
  });
});
