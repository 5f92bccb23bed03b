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
