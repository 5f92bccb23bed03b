import { OpenFeature as ServerOpenFeature } from '@openfeature/server-sdk';
import { OpenFeature as WebOpenFeature } from '@openfeature/web-sdk';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
import { evaluateUnforced } from '@verdict/shared';
import { startTestApp, TestApp } from '../support/app';
import { createCohort, createRunningExperiment, pauseExperiment } from '../support/factories';

// The experiment configuration is cached for up to a second per instance.
const waitForConfig = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('POST /ofrep/v1/evaluate/flags/{key} and /ofrep/v1/evaluate/flags (OFREP)', () => {
  let t: TestApp;
  let sdkKey: string;
  let viewerKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    sdkKey = (await t.api('POST', '/api-keys', { name: 'ofrep sdk', scope: 'sdk' })).body.key;
    viewerKey = (await t.api('POST', '/api-keys', { name: 'ofrep viewer', scope: 'viewer' })).body.key;
  });
  afterAll(async () => {
    await t.close();
  });

  const evaluate = (key: string, context: unknown, token: string | null = sdkKey) =>
    t.api('POST', `/ofrep/v1/evaluate/flags/${key}`, context === undefined ? {} : { context }, token);
  const assign = (experimentKey: string, unitId: string, attributes?: Record<string, unknown>) =>
    t.api('POST', '/assignments', { experimentKey, unitId, ...(attributes ? { attributes } : {}) }, sdkKey);

  it('answers what POST /assignments answers, and records the assignment the same way', async () => {
    const experiment = await createRunningExperiment(t.api, { coverage: 1, seed: 'ofrep-split' });
    const first = await evaluate(experiment.key, { targetingKey: 'ofrep-u1', plan: 'pro' });
    expect(first.status).toBe(200);
    const [row] = await t.dataSource.query(
      `SELECT a.variant_key, a.attributes, a.source FROM assignments a JOIN experiments e ON e.id = a.experiment_id
        WHERE e.key = $1 AND a.unit_id = $2`,
      [experiment.key, 'ofrep-u1'],
    );
    expect(row).toMatchObject({ variant_key: first.body.value, attributes: { plan: 'pro' }, source: 'server' });
    expect(first.body).toEqual({
      key: experiment.key,
      value: row.variant_key,
      variant: row.variant_key,
      reason: 'SPLIT',
      metadata: { inExperiment: true, assignmentReason: 'assigned' },
    });
    // The same unit through POST /assignments: sticky, the same variant.
    const again = await assign(experiment.key, 'ofrep-u1');
    expect(again.body).toMatchObject({ variantKey: row.variant_key, reason: 'sticky' });
    expect((await evaluate(experiment.key, { targetingKey: 'ofrep-u1' })).body.metadata).toEqual({
      inExperiment: true,
      assignmentReason: 'sticky',
    });
  });

  it('says TARGETING_MATCH for a forced unit and for a unit let in by the cohorts, DEFAULT with the control out of the experiment', async () => {
    const cohort = await createCohort(t.api, { rules: [{ attribute: 'companySize', op: 'lt', value: 50 }] });
    const targeted = await createRunningExperiment(t.api, {
      coverage: 1,
      targetCohortKeys: [cohort.key],
      forcedVariants: { 'qa-ofrep': 'treatment' },
    });
    expect((await evaluate(targeted.key, { targetingKey: 'qa-ofrep', companySize: 5000 })).body).toMatchObject({
      value: 'treatment',
      variant: 'treatment',
      reason: 'TARGETING_MATCH',
      metadata: { inExperiment: true, assignmentReason: 'forced' },
    });
    expect((await evaluate(targeted.key, { targetingKey: 'small-1', companySize: 10 })).body).toMatchObject({
      reason: 'TARGETING_MATCH',
      metadata: { inExperiment: true, assignmentReason: 'assigned' },
    });
    const outside = await evaluate(targeted.key, { targetingKey: 'large-1', companySize: 5000 });
    expect(outside.body).toEqual({
      key: targeted.key,
      value: 'control',
      variant: 'control',
      reason: 'DEFAULT',
      metadata: { inExperiment: false, assignmentReason: 'not_targeted' },
    });
    // Out of coverage (and so nothing recorded): a unit whose bucket lies beyond the 10 % covered.
    const closed = await createRunningExperiment(t.api, { coverage: 0.1, seed: 'ofrep-coverage' });
    const outOfCoverage = Array.from({ length: 50 }, (_, i) => `unit-${i}`).find(
      (unitId) => evaluateUnforced({ seed: 'ofrep-coverage', variants: closed.variants, coverage: 0.1 }, unitId).reason === 'not_in_coverage',
    )!;
    expect((await evaluate(closed.key, { targetingKey: outOfCoverage })).body).toMatchObject({
      value: 'control',
      reason: 'DEFAULT',
      metadata: { inExperiment: false, assignmentReason: 'not_in_coverage' },
    });
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM assignments a JOIN experiments e ON e.id = a.experiment_id WHERE e.key = ANY($1)`,
      [[closed.key]],
    );
    expect(count).toBe(0);
  });

  it("refuses in OFREP's words: unknown flag 404, missing targetingKey 400, a bad context 400", async () => {
    expect(await evaluate('no-such-experiment', { targetingKey: 'u' })).toMatchObject({
      status: 404,
      body: { key: 'no-such-experiment', errorCode: 'FLAG_NOT_FOUND', errorDetails: expect.any(String) },
    });
    const experiment = await createRunningExperiment(t.api);
    for (const context of [undefined, {}, { targetingKey: '' }, { plan: 'pro' }]) {
      expect(await evaluate(experiment.key, context)).toMatchObject({
        status: 400,
        body: { key: experiment.key, errorCode: 'TARGETING_KEY_MISSING', errorDetails: expect.any(String) },
      });
    }
    expect(await evaluate(experiment.key, { targetingKey: 42 })).toMatchObject({ status: 400, body: { errorCode: 'INVALID_CONTEXT' } });
    expect(await evaluate(experiment.key, 'a string')).toMatchObject({ status: 400, body: { errorCode: 'INVALID_CONTEXT' } });
    const malformed = await t.api('POST', `/ofrep/v1/evaluate/flags/${experiment.key}`, '{"context":', sdkKey);
    expect(malformed).toMatchObject({ status: 400, body: { key: experiment.key, errorCode: 'PARSE_ERROR' } });
    const bulk = await t.api('POST', '/ofrep/v1/evaluate/flags', { context: { nope: 1 } }, sdkKey);
    expect(bulk).toMatchObject({ status: 400, body: { errorCode: 'TARGETING_KEY_MISSING' } });
    expect(bulk.body.key).toBeUndefined();
  });

  it('needs an sdk or admin key: 401 without one, 403 for a viewer key', async () => {
    const experiment = await createRunningExperiment(t.api);
    expect((await evaluate(experiment.key, { targetingKey: 'u' }, null)).status).toBe(401);
    expect((await evaluate(experiment.key, { targetingKey: 'u' }, viewerKey)).status).toBe(403);
    expect((await t.api('POST', '/ofrep/v1/evaluate/flags', { context: { targetingKey: 'u' } }, null)).status).toBe(401);
    expect((await evaluate(experiment.key, { targetingKey: 'admin-unit' }, undefined)).status).toBe(200);
  });

  it('evaluates every running and paused experiment in bulk, with an ETag that gives 304 while nothing changed', async () => {
    const running = await createRunningExperiment(t.api, { coverage: 1 });
    const paused = await createRunningExperiment(t.api, { coverage: 1 });
    await pauseExperiment(t.api, paused.key);
    await waitForConfig();
    const body = { context: { targetingKey: 'bulk-unit' } };
    const first = await t.api('POST', '/ofrep/v1/evaluate/flags', body, sdkKey);
    expect(first.status).toBe(200);
    const byKey = new Map<string, any>(first.body.flags.map((flag: any) => [flag.key, flag]));
    const assigned = (await assign(running.key, 'bulk-unit')).body;
    expect(byKey.get(running.key)).toMatchObject({ value: assigned.variantKey, reason: 'SPLIT' });
    expect(byKey.get(paused.key)).toMatchObject({ value: 'control', reason: 'DEFAULT', metadata: { inExperiment: false, assignmentReason: 'not_running' } });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);

    const conditional = await fetch(`${t.baseUrl}/ofrep/v1/evaluate/flags`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sdkKey}`, 'content-type': 'application/json', 'if-none-match': etag },
      body: JSON.stringify(body),
    });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe('');

    // A new experiment is a new flag: a new answer and a new tag.
    const started = await createRunningExperiment(t.api, { coverage: 1 });
    await waitForConfig();
    const changed = await t.api('POST', '/ofrep/v1/evaluate/flags', body, sdkKey);
    expect(changed.status).toBe(200);
    expect(changed.body.flags.map((flag: any) => flag.key)).toContain(started.key);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('never answers with the console under /ofrep: unknown paths are a JSON 404, a wrong method a 405', async () => {
    const unknown = await fetch(`${t.baseUrl}/ofrep/v1/unknown`, { headers: { authorization: `Bearer ${sdkKey}` } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    const get = await fetch(`${t.baseUrl}/ofrep/v1/evaluate/flags`, { headers: { authorization: `Bearer ${sdkKey}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  describe('the generic OFREP providers give the variants POST /assignments gives', () => {
    const UNITS = Array.from({ length: 200 }, (_, i) => `ofrep-provider-${i}`);

    it('@openfeature/ofrep-provider (server SDK), 200 units', async () => {
      const experiment = await createRunningExperiment(t.api, { coverage: 0.8, seed: 'generic-server' });
      await ServerOpenFeature.setProviderAndWait(
        'ofrep',
        new OFREPProvider({ baseUrl: t.baseUrl, headers: [['Authorization', `Bearer ${sdkKey}`]] }),
      );
      const client = ServerOpenFeature.getClient('ofrep');
      const viaOfrep: string[] = [];
      for (const unitId of UNITS) viaOfrep.push(await client.getStringValue(experiment.key, 'fallback', { targetingKey: unitId }));
      const viaAssignments: string[] = [];
      for (const unitId of UNITS) viaAssignments.push((await assign(experiment.key, unitId)).body.variantKey ?? 'control');
      expect(viaOfrep).toEqual(viaAssignments);
      expect(new Set(viaOfrep)).toEqual(new Set(['control', 'treatment']));
      // Every unit went through the assignment path: those in the experiment are recorded.
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM assignments a JOIN experiments e ON e.id = a.experiment_id WHERE e.key = $1`,
        [experiment.key],
      );
      const inside = (await Promise.all(UNITS.map((unitId) => assign(experiment.key, unitId)))).filter((r) => r.body.inExperiment).length;
      expect(count).toBe(inside);
      await ServerOpenFeature.clearProviders();
    });

    it('@openfeature/ofrep-web-provider (web SDK, bulk evaluation per context), 200 units', async () => {
      const experiment = await createRunningExperiment(t.api, { coverage: 0.8, seed: 'generic-web' });
      await waitForConfig();
      const provider = new OFREPWebProvider({
        baseUrl: t.baseUrl,
        headers: [['Authorization', `Bearer ${sdkKey}`]],
        // Node has no page to watch and no storage: evaluate on each context change only.
        changeDetection: 'none',
        disableVisibilityRefresh: true,
        cacheMode: 'disabled',
      });
      await WebOpenFeature.setContext({ targetingKey: UNITS[0] });
      await WebOpenFeature.setProviderAndWait(provider);
      const client = WebOpenFeature.getClient();
      const viaOfrep: string[] = [];
      for (const unitId of UNITS) {
        await WebOpenFeature.setContext({ targetingKey: unitId });
        viaOfrep.push(client.getStringValue(experiment.key, 'fallback'));
      }
      const viaAssignments: string[] = [];
      for (const unitId of UNITS) viaAssignments.push((await assign(experiment.key, unitId)).body.variantKey ?? 'control');
      expect(viaOfrep).toEqual(viaAssignments);
      expect(new Set(viaOfrep)).toEqual(new Set(['control', 'treatment']));
      await WebOpenFeature.clearProviders();
    });
  });
});
