import { createHash } from 'node:crypto';
import type { SdkConfig } from '@verdict/shared';
import { assignVariant } from '@verdict/shared';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { createFlow, createHypothesis, createRunningExperiment } from '../support/factories';

// Erasing a unit: its assignments (server-made and SDK-reported), its step events, in one go;
// the analyses computed before stay as they were.

describe('DELETE /api/v1/units/:unitId', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function rowsOf(unitId: string) {
    const [{ assignments }] = await t.dataSource.query(
      'SELECT count(*)::int AS assignments FROM assignments WHERE unit_id = $1',
      [unitId],
    );
    const [{ events }] = await t.dataSource.query('SELECT count(*)::int AS events FROM step_events WHERE unit_id = $1', [
      unitId,
    ]);
    return { assignments, events };
  }

  it('deletes the unit everywhere, answers the counts, and leaves the analyses readable', async () => {
    const flow = await createFlow(t.api);
    const hypothesis = await createHypothesis(t.api, { flowKey: flow.key });
    const first = await createRunningExperiment(t.api, { hypothesisId: hypothesis.id });
    const other = await createRunningExperiment(t.api, {
      hypothesisId: (await createHypothesis(t.api, { flowKey: flow.key })).id,
    });
    const unitId = `customer-${uniqueKey('u')}@example.com`;
    const bystander = `bystander-${uniqueKey('u')}`;

    // Server-made assignments in one experiment, an SDK-reported exposure in the other.
    for (const id of [unitId, bystander]) {
      expect((await t.api('POST', '/assignments', { experimentKey: first.key, unitId: id })).status).toBe(200);
    }
    const config = (await t.api<SdkConfig>('GET', '/sdk/config')).body;
    const live = config.experiments.find((e) => e.key === other.key)!;
    const exposure = { experimentKey: other.key, unitId, variantKey: assignVariant(live, unitId).variantKey };
    expect((await t.api('POST', '/exposures', { exposures: [exposure] })).body.rejected).toEqual([]);
    const events = ['visit', 'signup', 'activated'].map((stepKey, i) => ({
      id: uniqueKey(`ev${i}`),
      unitId,
      flowKey: flow.key,
      stepKey,
      outcome: 'aligned',
    }));
    events.push({ id: uniqueKey('evb'), unitId: bystander, flowKey: flow.key, stepKey: 'visit', outcome: 'aligned' });
    expect((await t.api('POST', '/events', { events })).body.rejected).toEqual([]);

    // An analysis before the deletion: its aggregates include the unit.
    const job = (await t.api('POST', `/experiments/${first.key}/analyses`)).body.jobId;
    await t.app.get((await import('../../server/src/analysis/analysis-runner.service')).AnalysisRunner).run({
      jobId: job,
      experimentId: first.id,
      trigger: 'manual',
      attempt: 1,
    });
    const before = (await t.api('GET', `/experiments/${first.key}/results`)).body;
    expect(before.progress.unitsPerVariant).toBeDefined();

    expect(await rowsOf(unitId)).toEqual({ assignments: 2, events: 3 });
    const response = await t.api('DELETE', `/units/${encodeURIComponent(unitId)}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ assignments: 1, exposures: 1, events: 3 });

    expect(await rowsOf(unitId)).toEqual({ assignments: 0, events: 0 });
    expect(await rowsOf(bystander)).toEqual({ assignments: 1, events: 1 });
    const after = await t.api('GET', `/experiments/${first.key}/results`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);

    // Again: nothing left to delete.
    expect((await t.api('DELETE', `/units/${encodeURIComponent(unitId)}`)).body).toEqual({
      assignments: 0,
      exposures: 0,
      events: 0,
    });
  });

  it('logs the deletion by the id hash only', async () => {
    const { UnitDeletionService, unitIdHash } = await import('../../server/src/units/unit-deletion.service');
    const unitId = `someone-${uniqueKey('u')}`;
    expect(unitIdHash(unitId)).toBe(createHash('sha256').update(unitId).digest('hex'));
    const service = t.app.get(UnitDeletionService);
    const lines: string[] = [];
    const log = jest.spyOn((service as unknown as { logger: { log(m: string): void } }).logger, 'log');
    log.mockImplementation((message: string) => void lines.push(message));
    try {
      await t.api('DELETE', `/units/${unitId}`);
    } finally {
      log.mockRestore();
    }
    expect(lines).toEqual([expect.stringContaining(`sha256:${unitIdHash(unitId)}`)]);
    expect(lines.join('\n')).not.toContain(unitId);
  });

  it('redacts the id from logged request URLs', async () => {
    const { redactUnitPath } = await import('../../server/src/common/unit-path');
    expect(redactUnitPath('/api/v1/units/jane%40example.com')).toBe('/api/v1/units/[redacted]');
    expect(redactUnitPath('/api/v1/units/jane?x=1')).toBe('/api/v1/units/[redacted]?x=1');
    expect(redactUnitPath('/api/v1/hypotheses/abc')).toBe('/api/v1/hypotheses/abc');
  });
});

describe('POST /api/v1/units', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
    for (const scope of ['viewer', 'editor', 'sdk'] as const) {
      keys[scope] = (await t.api('POST', '/api-keys', { name: `${scope} of the units test ${uniqueKey('k')}`, scope })).body.key;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function attributesOf(unitId: string): Promise<Record<string, unknown> | null> {
    const rows = await t.dataSource.query('SELECT attributes FROM units WHERE unit_id = $1', [unitId]);
    return rows.length ? rows[0].attributes : null;
  }

  it('stores the latest attributes of each unit, replacing the previous ones whole', async () => {
    const a = uniqueKey('unit');
    const b = uniqueKey('unit');
    const first = await t.api('POST', '/units', {
      units: [
        { unitId: a, attributes: { role: 'admin', seats: 5 } },
        { unitId: b, attributes: { role: 'end_user' } },
        // The same unit later in the batch wins.
        { unitId: a, attributes: { role: 'admin', seats: 12 } },
      ],
    });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ accepted: 3 });
    expect(await attributesOf(a)).toEqual({ role: 'admin', seats: 12 });
    expect(await attributesOf(b)).toEqual({ role: 'end_user' });

    // A later call replaces, it does not merge: `seats` is gone.
    expect((await t.api('POST', '/units', { units: [{ unitId: a, attributes: { plan: 'pro' } }] }, keys.sdk)).status).toBe(202);
    expect(await attributesOf(a)).toEqual({ plan: 'pro' });
  });

  it('takes the attributes sent with assignments and exposures as the current ones', async () => {
    const flow = await createFlow(t.api);
    const experiment = await createRunningExperiment(t.api, { hypothesisId: (await createHypothesis(t.api, { flowKey: flow.key })).id });
    const unitId = uniqueKey('unit');
    await t.api('POST', '/units', { units: [{ unitId, attributes: { role: 'end_user' } }] });

    // Without attributes the unit's current ones stay.
    expect((await t.api('POST', '/assignments', { experimentKey: experiment.key, unitId }, keys.sdk)).status).toBe(200);
    expect(await attributesOf(unitId)).toEqual({ role: 'end_user' });
    // A sticky call's attributes are still the latest.
    expect((await t.api('POST', '/assignments', { experimentKey: experiment.key, unitId, attributes: { role: 'admin' } })).body.reason).toBe('sticky');
    expect(await attributesOf(unitId)).toEqual({ role: 'admin' });

    const newcomer = uniqueKey('unit');
    expect((await t.api('POST', '/assignments', { experimentKey: experiment.key, unitId: newcomer, attributes: { seats: 3 } })).status).toBe(200);
    expect(await attributesOf(newcomer)).toEqual({ seats: 3 });

    // An exposure (the SDK's local assignment) too.
    const config = (await t.api<SdkConfig>('GET', '/sdk/config')).body;
    const live = config.experiments.find((e) => e.key === experiment.key)!;
    const exposed = uniqueKey('unit');
    const variantKey = assignVariant(live, exposed).variantKey!;
    const exposure = { experimentKey: experiment.key, unitId: exposed, variantKey, attributes: { country: 'FR' } };
    expect((await t.api('POST', '/exposures', { exposures: [exposure] }, keys.sdk)).body).toEqual({ accepted: 1, rejected: [] });
    expect(await attributesOf(exposed)).toEqual({ country: 'FR' });
  });

  it('takes sdk and admin keys only', async () => {
    const body = { units: [{ unitId: uniqueKey('unit'), attributes: {} }] };
    expect((await t.api('POST', '/units', body, keys.viewer)).status).toBe(403);
    expect((await t.api('POST', '/units', body, keys.editor)).status).toBe(403);
    expect((await t.api('POST', '/units', body, null)).status).toBe(401);
    expect((await t.api('POST', '/units', body, keys.sdk)).status).toBe(202);
  });

  it('names what is wrong in a bad batch', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ unitId: `u${i}`, attributes: {} }));
    const big = await t.api('POST', '/units', { units: tooMany });
    expect(big.status).toBe(400);
    expect(big.body.errors).toEqual([{ field: 'units', reason: 'must contain 1 to 1000 units (got 1001)' }]);
    const empty = await t.api('POST', '/units', { units: [] });
    expect(empty.body.errors).toEqual([{ field: 'units', reason: 'must contain 1 to 1000 units (got 0)' }]);
    const bad = await t.api('POST', '/units', { units: [{ unitId: '', attributes: [] }, { unitId: 'x' }, { unitId: 'y', attributes: {}, role: 1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'units[0].unitId', reason: 'must not be empty' },
      { field: 'units[0].attributes', reason: 'must be an object' },
      { field: 'units[1].attributes', reason: 'is required' },
      { field: 'units[2].role', reason: 'should not exist' },
    ]);
  });

  it('is erased with the unit', async () => {
    const unitId = uniqueKey('unit');
    await t.api('POST', '/units', { units: [{ unitId, attributes: { role: 'admin' } }] });
    expect((await t.api('DELETE', `/units/${unitId}`)).status).toBe(200);
    expect(await attributesOf(unitId)).toBeNull();
  });
});
