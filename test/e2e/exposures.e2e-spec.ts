import { assignVariant, LocalEvaluator } from '@verdict/shared';
import { startTestApp, TestApp } from '../support/app';
import { createCohort, createRunningExperiment, pauseExperiment } from '../support/factories';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

const waitForConfig = () => new Promise((resolve) => setTimeout(resolve, 1100));
const DAY = 24 * 3600_000;

describe('POST /api/v1/exposures', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const rowsOf = (experimentId: string) =>
    t.dataSource.query(
      `SELECT unit_id, variant_key, source, forced, attributes, assigned_at FROM assignments WHERE experiment_id = $1 ORDER BY unit_id`,
      [experimentId],
    );

  it('stores locally made assignments that match the server evaluation, backdated, as source sdk', async () => {
    const experiment = await createRunningExperiment(t.api, { forcedVariants: { 'qa-1': 'treatment' } });
    const local = { ...experiment, status: 'running' as const, targeting: [] };
    const units = ['e-1', 'e-2', 'e-3'];
    const assignedAt = new Date(Date.now() - 2 * DAY).toISOString();
    const exposures = units.map((unitId) => ({
      experimentKey: experiment.key,
      unitId,
      variantKey: assignVariant(local, unitId).variantKey!,
      attributes: { plan: 'pro' },
      assignedAt,
    }));
    exposures.push({ experimentKey: experiment.key, unitId: 'qa-1', variantKey: 'treatment', attributes: { plan: 'pro' }, assignedAt });
    const response = await t.api('POST', '/exposures', { exposures });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 4, rejected: [] });
    const rows = await rowsOf(experiment.id);
    expect(rows.map((r: { unit_id: string }) => r.unit_id)).toEqual(['e-1', 'e-2', 'e-3', 'qa-1']);
    for (const row of rows) {
      expect(row).toMatchObject({ source: 'sdk', attributes: { plan: 'pro' }, forced: row.unit_id === 'qa-1' });
      expect(new Date(row.assigned_at).toISOString()).toBe(assignedAt);
    }
    // The server's own assignment agrees afterwards (sticky, same time).
    const assigned = await t.api('POST', '/assignments', { experimentKey: experiment.key, unitId: 'e-1' });
    expect(assigned.body).toMatchObject({ variantKey: exposures[0].variantKey, reason: 'sticky', assignedAt });
  });

  it('rejects, with their index and reason, exposures the server would not have made', async () => {
    const cohort = await createCohort(t.api, { rules: [{ attribute: 'companySize', op: 'lt', value: 50 }] });
    const experiment = await createRunningExperiment(t.api, { coverage: 0.5, targetCohortKeys: [cohort.key] });
    const local = {
      seed: experiment.seed,
      status: 'running' as const,
      coverage: 0.5,
      variants: experiment.variants,
    };
    const small = { companySize: 10 };
    const ids = Array.from({ length: 200 }, (_, i) => `r-${i}`);
    const inside = ids.find((id) => assignVariant(local, id).inExperiment)!;
    const outside = ids.find((id) => !assignVariant(local, id).inExperiment)!;
    const right = assignVariant(local, inside).variantKey!;
    const wrong = right === 'control' ? 'treatment' : 'control';
    const now = Date.now();
    const exposures = [
      { experimentKey: experiment.key, unitId: inside, variantKey: right, attributes: small },
      { experimentKey: experiment.key, unitId: `${inside}-x`, variantKey: 'no-such-variant', attributes: small },
      { experimentKey: experiment.key, unitId: inside, variantKey: wrong, attributes: small },
      { experimentKey: experiment.key, unitId: outside, variantKey: 'control', attributes: small },
      { experimentKey: experiment.key, unitId: 'big-co', variantKey: 'control', attributes: { companySize: 5000 } },
      { experimentKey: 'no-such-experiment', unitId: 'u', variantKey: 'control' },
      { experimentKey: experiment.key, unitId: 'old', variantKey: 'control', attributes: small, assignedAt: new Date(now - 31 * DAY).toISOString() },
      { experimentKey: experiment.key, unitId: 'future', variantKey: 'control', attributes: small, assignedAt: new Date(now + 3600_000).toISOString() },
    ];
    const response = await t.api('POST', '/exposures', { exposures });
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(1);
    expect(response.body.rejected).toEqual([
      { index: 1, reason: assignVariant(local, `${inside}-x`).inExperiment ? 'variant_mismatch' : 'not_in_coverage' },
      { index: 2, reason: 'variant_mismatch' },
      { index: 3, reason: 'not_in_coverage' },
      { index: 4, reason: 'not_targeted' },
      { index: 5, reason: 'unknown_experiment' },
      { index: 6, reason: 'assigned_at_out_of_range' },
      { index: 7, reason: 'assigned_at_out_of_range' },
    ]);
    expect((await rowsOf(experiment.id)).map((r: { unit_id: string }) => r.unit_id)).toEqual([inside]);
  });

  it('accepts an exposure that matches a recorded assignment and keeps the recorded time', async () => {
    const experiment = await createRunningExperiment(t.api);
    const first = await t.api('POST', '/assignments', { experimentKey: experiment.key, unitId: 'known' });
    const other = first.body.variantKey === 'control' ? 'treatment' : 'control';
    const response = await t.api('POST', '/exposures', {
      exposures: [
        { experimentKey: experiment.key, unitId: 'known', variantKey: first.body.variantKey, assignedAt: new Date(Date.now() - DAY).toISOString() },
        { experimentKey: experiment.key, unitId: 'known', variantKey: other },
      ],
    });
    expect(response.body).toEqual({ accepted: 1, rejected: [{ index: 1, reason: 'conflicts_with_recorded_assignment' }] });
    const rows = await rowsOf(experiment.id);
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].assigned_at).toISOString()).toBe(first.body.assignedAt);
    expect(rows[0].source).toBe('server');
  });

  it('refuses new units of a paused experiment', async () => {
    const experiment = await createRunningExperiment(t.api);
    await pauseExperiment(t.api, experiment.key);
    await waitForConfig();
    const local = { ...experiment, status: 'running' as const, targeting: [] };
    const response = await t.api('POST', '/exposures', {
      exposures: [{ experimentKey: experiment.key, unitId: 'late', variantKey: assignVariant(local, 'late').variantKey }],
    });
    expect(response.body).toEqual({ accepted: 0, rejected: [{ index: 0, reason: 'not_running' }] });
  });

  it('answers 400 naming the field for a batch of the wrong shape', async () => {
    const ok = { experimentKey: 'k', unitId: 'u', variantKey: 'v' };
    const cases: [unknown, string][] = [
      [{}, 'exposures'],
      [{ exposures: [] }, 'exposures'],
      [{ exposures: Array.from({ length: 1001 }, () => ok) }, 'exposures'],
      [{ exposures: [ok, { experimentKey: 'k', unitId: 'u' }] }, 'exposures[1].variantKey'],
      [{ exposures: [{ ...ok, assignedAt: 'yesterday' }] }, 'exposures[0].assignedAt'],
      [{ exposures: [{ ...ok, attributes: 'pro' }] }, 'exposures[0].attributes'],
      [{ exposures: [{ ...ok, colour: 'red' }] }, 'exposures[0].colour'],
    ];
    for (const [body, field] of cases) {
      const response = await t.api('POST', '/exposures', body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('takes the exposures the SDK LocalEvaluator queues, so the server keeps the SDK variants', async () => {
    const experiment = await createRunningExperiment(t.api, { coverage: 0.7 });
    const errors: unknown[] = [];
    const sdk = new LocalEvaluator({ baseUrl: t.baseUrl, apiKey: TEST_ADMIN_TOKEN, refreshIntervalMs: 0, onError: (e) => errors.push(e) });
    await sdk.ready();
    const local = Array.from({ length: 300 }, (_, i) => sdk.evaluate(experiment.key, `sdk-${i}`, { plan: 'free' }));
    await sdk.close();
    expect(errors).toEqual([]);
    const inside = local.filter((e) => e.inExperiment).length;
    expect(inside).toBeGreaterThan(150);
    const rows = await rowsOf(experiment.id);
    expect(rows).toHaveLength(inside);
    for (const row of rows) {
      const i = Number(row.unit_id.slice(4));
      expect(row).toMatchObject({ variant_key: local[i].variantKey, source: 'sdk', attributes: { plan: 'free' } });
    }
  });
});
