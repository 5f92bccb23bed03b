import { VerdictClient } from '@verdict/shared';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { TEST_ADMIN_TOKEN } from '../support/test-env';
import { BODY_LIMIT_BYTES } from '../../server/src/app.factory';

describe('POST /api/v1/events', () => {
  let t: TestApp;
  let flowKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    flowKey = uniqueKey('flow');
    const flow = await t.api('POST', '/flows', {
      key: flowKey,
      name: 'Onboarding',
      steps: [
        { key: 'trigger', name: 'Signs up', kind: 'trigger' },
        { key: 'invoice', name: 'First invoice', kind: 'need_met', terminal: true },
      ],
    });
    expect(flow.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const event = (overrides: Record<string, unknown> = {}) => ({
    id: uniqueKey('evt'),
    unitId: 'customer-1',
    flowKey,
    stepKey: 'trigger',
    outcome: 'aligned',
    ...overrides,
  });
  const stored = async (ids: string[]) =>
    t.dataSource.query(
      `SELECT id, unit_id, flow_key, step_key, outcome, occurred_at, properties FROM step_events WHERE id = ANY($1) ORDER BY id`,
      [ids],
    );

  it('stores valid events durably before 202, with occurredAt defaulting to now', async () => {
    const before = Date.now();
    const occurredAt = new Date(Date.now() - 3600_000).toISOString();
    const events = [
      event({ properties: { plan: 'pro' }, occurredAt }),
      event({ stepKey: 'invoice', outcome: 'deviated' }),
    ];
    const response = await t.api('POST', '/events', { events });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const rows = await stored(events.map((e) => e.id));
    expect(rows).toHaveLength(2);
    const first = rows.find((r: { id: string }) => r.id === events[0].id);
    expect(first).toMatchObject({ unit_id: 'customer-1', flow_key: flowKey, step_key: 'trigger', outcome: 'aligned', properties: { plan: 'pro' } });
    expect(new Date(first.occurred_at).toISOString()).toBe(occurredAt);
    const second = rows.find((r: { id: string }) => r.id === events[1].id);
    expect(new Date(second.occurred_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(second.properties).toBeNull();
  });

  it('is idempotent by event id: a resent batch reports duplicates and stores nothing twice', async () => {
    const events = Array.from({ length: 50 }, (_, i) => event({ unitId: `dup-${i}` }));
    expect((await t.api('POST', '/events', { events })).body).toEqual({ accepted: 50, duplicates: 0, rejected: [] });
    const resent = await t.api('POST', '/events', { events: [...events.slice(0, 30), event()] });
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({ accepted: 1, duplicates: 30, rejected: [] });
    // The same id twice in one batch: stored once.
    const twice = event();
    expect((await t.api('POST', '/events', { events: [twice, { ...twice }] })).body).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM step_events WHERE id = ANY($1)', [
      [...events.map((e) => e.id), twice.id],
    ]);
    expect(count).toBe(51);
  });

  it('dedupes concurrent sends of the same batch', async () => {
    const events = Array.from({ length: 200 }, () => event());
    const answers = await Promise.all([1, 2, 3].map(() => t.api('POST', '/events', { events })));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect(answers.reduce((sum, a) => sum + a.body.accepted, 0)).toBe(200);
    expect(answers.reduce((sum, a) => sum + a.body.duplicates, 0)).toBe(400);
  });

  it('rejects bad events one by one with their index, id and reason, and keeps the rest', async () => {
    const now = Date.now();
    const good = [event(), event()];
    const batch = [
      good[0],
      event({ id: 'bad-flow', flowKey: 'no-such-flow' }),
      event({ id: 'bad-step', stepKey: 'no-such-step' }),
      event({ id: 'bad-outcome', outcome: 'converted' }),
      event({ id: 'too-old', occurredAt: new Date(now - 31 * 24 * 3600_000).toISOString() }),
      event({ id: 'too-new', occurredAt: new Date(now + 10 * 60_000).toISOString() }),
      event({ id: 'not-a-date', occurredAt: 'yesterday' }),
      event({ id: '' }),
      event({ id: 'no-unit', unitId: undefined }),
      event({ id: 'bad-props', properties: [1, 2] }),
      'not an object',
      event({ id: 'lone-surrogate', properties: { name: 'broken \ud800 text' } }),
      event({ id: 'nul-flow', flowKey: 'flow\u0000key' }),
      good[1],
    ];
    const response = await t.api('POST', '/events', { events: batch });
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(2);
    expect(response.body.duplicates).toBe(0);
    const rejected: { index: number; id: string | null; reason: string }[] = response.body.rejected;
    expect(rejected.map((r) => [r.index, r.id])).toEqual([
      [1, 'bad-flow'],
      [2, 'bad-step'],
      [3, 'bad-outcome'],
      [4, 'too-old'],
      [5, 'too-new'],
      [6, 'not-a-date'],
      [7, ''],
      [8, 'no-unit'],
      [9, 'bad-props'],
      [10, null],
      [11, 'lone-surrogate'],
      [12, 'nul-flow'],
    ]);
    const reasons = rejected.map((r) => r.reason.split(':')[0]);
    expect(reasons).toEqual([
      'unknown_flow',
      'unknown_step',
      'invalid_outcome',
      'occurred_at_out_of_range',
      'occurred_at_out_of_range',
      'invalid_occurred_at',
      'invalid_id',
      'invalid_unit_id',
      'invalid_properties',
      'invalid_event',
      'invalid_string',
      'invalid_string',
    ]);
    expect(await stored(good.map((e) => e.id))).toHaveLength(2);
    expect(await stored(['bad-flow', 'bad-step', 'bad-outcome', 'too-old', 'too-new'])).toHaveLength(0);
  });

  it('accepts an event 4 minutes ahead (clock skew) and 29 days back', async () => {
    const events = [
      event({ occurredAt: new Date(Date.now() + 4 * 60_000).toISOString() }),
      event({ occurredAt: new Date(Date.now() - 29 * 24 * 3600_000).toISOString() }),
    ];
    expect((await t.api('POST', '/events', { events })).body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('refuses the whole batch only for a body of the wrong shape (400)', async () => {
    const cases: [unknown, string][] = [
      [{}, 'events'],
      [{ events: 'x' }, 'events'],
      [{ events: [] }, 'events'],
      [{ events: Array.from({ length: 1001 }, () => event()) }, 'events'],
      [{ events: [event()], extra: 1 }, 'extra'],
      [[event()], 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await t.api('POST', '/events', body);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe(field);
    }
    const thousand = Array.from({ length: 1000 }, () => event());
    expect((await t.api('POST', '/events', { events: thousand })).body.accepted).toBe(1000);
  });

  it('answers 400 to malformed JSON and 413 to a body over the limit', async () => {
    const malformed = await t.api('POST', '/events', '{"events": [ {"id": "x", ');
    expect(malformed.status).toBe(400);
    const huge = JSON.stringify({
      events: Array.from({ length: 1000 }, () => event({ properties: { blob: 'x'.repeat(2200) } })),
    });
    expect(huge.length).toBeGreaterThan(BODY_LIMIT_BYTES);
    const tooLarge = await t.api('POST', '/events', huge);
    expect(tooLarge.status).toBe(413);
  });

  it('receives what the SDK client tracks, in batches, by close()', async () => {
    const errors: unknown[] = [];
    const client = new VerdictClient({ baseUrl: t.baseUrl, apiKey: TEST_ADMIN_TOKEN, flushAt: 100, onError: (e) => errors.push(e) });
    const ids = Array.from({ length: 250 }, (_, i) =>
      client.track({ unitId: `sdk-${i}`, flowKey, stepKey: i % 2 ? 'trigger' : 'invoice', outcome: 'aligned', properties: { i } }),
    );
    client.track({ unitId: 'sdk-x', flowKey, stepKey: 'no-such-step', outcome: 'aligned' });
    await client.close();
    expect(await stored(ids)).toHaveLength(250);
    // The one bad event was reported, not thrown.
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/unknown_step/);
  });

  it('needs a key', async () => {
    expect((await t.api('POST', '/events', { events: [event()] }, null)).status).toBe(401);
  });
});
