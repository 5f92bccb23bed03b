import { assignVariant, bucket, variantForBucket } from '@verdict/shared';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { TEST_ADMIN_TOKEN } from '../support/test-env';
import { createExperiment as createDraftExperiment, createRunningExperiment } from '../support/factories';

// The experiment configuration is cached for up to CONFIG_TTL_MS (1 s) per instance; after a
// change we wait it out, as a client of a load-balanced deployment would have to.
const CONFIG_TTL_MS = 1000;
const waitForConfig = () => new Promise((resolve) => setTimeout(resolve, CONFIG_TTL_MS + 100));

interface ExperimentOptions {
  variants?: { key: string; weight: number; control?: boolean }[];
  coverage?: number;
  seed?: string;
  targetCohortKeys?: string[];
  forcedVariants?: Record<string, string>;
  start?: boolean;
}

/** An experiment (with its own hypothesis and flow) through the API; started unless told otherwise. */
async function createExperiment(t: TestApp, options: ExperimentOptions = {}): Promise<{ key: string; id: string; flowKey: string }> {
  const overrides = {
    ...(options.variants ? { variants: options.variants } : {}),
    coverage: options.coverage ?? 1,
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.targetCohortKeys ? { targetCohortKeys: options.targetCohortKeys } : {}),
    ...(options.forcedVariants ? { forcedVariants: options.forcedVariants } : {}),
  };
  const experiment =
    options.start === false ? await createDraftExperiment(t.api, overrides) : await createRunningExperiment(t.api, overrides);
  return { key: experiment.key, id: experiment.id, flowKey: experiment.flowKey };
}

describe('POST /api/v1/assignments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const assign = (experimentKey: string, unitId: string, attributes?: Record<string, unknown>, token?: string | null) =>
    t.api('POST', '/assignments', { experimentKey, unitId, ...(attributes ? { attributes } : {}) }, token);

  it('buckets a new unit by murmur3 of seed:unitId, stores it before answering, then is sticky', async () => {
    const { key, id } = await createExperiment(t, { seed: 'fixed-seed-1' });
    const first = await assign(key, 'customer-1', { plan: 'pro' });
    expect(first.status).toBe(200);
    const expected = variantForBucket(
      [
        { key: 'control', weight: 0.5 },
        { key: 'treatment', weight: 0.5 },
      ],
      1,
      bucket('fixed-seed-1', 'customer-1'),
    );
    expect(first.body).toEqual({
      experimentKey: key,
      unitId: 'customer-1',
      inExperiment: true,
      variantKey: expected,
      assignedAt: expect.any(String),
      reason: 'assigned',
    });
    const rows = await t.dataSource.query(
      `SELECT variant_key, attributes, forced, source, assigned_at FROM assignments WHERE experiment_id = $1 AND unit_id = $2`,
      [id, 'customer-1'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ variant_key: expected, attributes: { plan: 'pro' }, forced: false, source: 'server' });
    expect(new Date(rows[0].assigned_at).toISOString()).toBe(first.body.assignedAt);

    const again = await assign(key, 'customer-1', { plan: 'free' });
    expect(again.body).toMatchObject({ variantKey: expected, reason: 'sticky', assignedAt: first.body.assignedAt });
  });

  it('defaults the seed to the experiment key and splits by the weights', async () => {
    const variants = [
      { key: 'control', weight: 0.2, control: true },
      { key: 'b', weight: 0.8 },
    ];
    const { key } = await createExperiment(t, { variants });
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => assign(key, `w-${i}`)));
    for (const [i, answer] of answers.entries()) {
      expect(answer.body.variantKey).toBe(variantForBucket(variants, 1, bucket(key, `w-${i}`)));
    }
  });

  it('keeps a unit in its variant when coverage grows, and takes new units into the new ranges', async () => {
    const { key } = await createExperiment(t, { coverage: 0.3, seed: 'grow' });
    const units = Array.from({ length: 80 }, (_, i) => `g-${i}`);
    const before = await Promise.all(units.map((u) => assign(key, u)));
    expect(before.some((r) => r.body.reason === 'not_in_coverage')).toBe(true);
    expect((await t.api('PATCH', `/experiments/${key}`, { coverage: 1 })).status).toBe(200);
    await waitForConfig();
    const after = await Promise.all(units.map((u) => assign(key, u)));
    after.forEach((answer, i) => {
      expect(answer.body.inExperiment).toBe(true);
      if (before[i].body.inExperiment) {
        expect(answer.body).toMatchObject({ variantKey: before[i].body.variantKey, reason: 'sticky' });
      } else {
        expect(answer.body.reason).toBe('assigned');
      }
    });
  });

  it('stays sticky when the stored weights and seed change', async () => {
    const { key, id } = await createExperiment(t, { seed: 'before' });
    const first = await Promise.all(Array.from({ length: 30 }, (_, i) => assign(key, `s-${i}`)));
    // Variants and seed are frozen while running; move the stored configuration as an
    // operator's migration would, to prove stickiness comes from the record, not recomputation.
    await t.dataSource.query(
      `UPDATE experiments SET seed = 'after', variants = '[{"key":"control","name":null,"weight":0.01,"control":true},{"key":"treatment","name":null,"weight":0.99,"control":false}]' WHERE id = $1`,
      [id],
    );
    await waitForConfig();
    const second = await Promise.all(Array.from({ length: 30 }, (_, i) => assign(key, `s-${i}`)));
    second.forEach((answer, i) => expect(answer.body).toMatchObject({ variantKey: first[i].body.variantKey, reason: 'sticky' }));
    // A new unit is bucketed with the new seed and weights.
    const fresh = await assign(key, 'new-after-edit');
    expect(fresh.body.variantKey).toBe(variantForBucket([{ key: 'control', weight: 0.01 }, { key: 'treatment', weight: 0.99 }], 1, bucket('after', 'new-after-edit')));
  });

  it('gives parallel first calls for one unit the same variant and leaves one row, across two instances', async () => {
    // A second app instance has its own batching writer, so the two race in PostgreSQL itself.
    const other = await startTestApp();
    const { key, id } = await createExperiment(t);
    for (let round = 0; round < 5; round++) {
      const unit = `race-${round}`;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? t : other).api('POST', '/assignments', { experimentKey: key, unitId: unit }),
        ),
      );
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(new Set(answers.map((a) => a.body.variantKey)).size).toBe(1);
      expect(new Set(answers.map((a) => a.body.assignedAt)).size).toBe(1);
      expect(answers.filter((a) => a.body.reason === 'assigned')).toHaveLength(1);
      const [{ count }] = await t.dataSource.query(
        'SELECT count(*)::int AS count FROM assignments WHERE experiment_id = $1 AND unit_id = $2',
        [id, unit],
      );
      expect(count).toBe(1);
    }
    await other.close();
  });

  it('targets by cohort rules (any cohort, all its rules) and focus-group members', async () => {
    const smb = uniqueKey('smb');
    const beta = uniqueKey('beta');
    expect(
      (
        await t.api('POST', '/cohorts', {
          key: smb,
          name: 'Small French companies',
          kind: 'segment',
          rules: [
            { attribute: 'employees', op: 'lt', value: 50 },
            { attribute: 'country', op: 'in', value: ['FR', 'BE'] },
          ],
        })
      ).status,
    ).toBe(201);
    expect((await t.api('POST', '/cohorts', { key: beta, name: 'Beta', kind: 'focus_group', members: ['vip-1'] })).status).toBe(201);
    const { key } = await createExperiment(t, { targetCohortKeys: [smb, beta] });

    expect((await assign(key, 't-1', { employees: 10, country: 'FR' })).body).toMatchObject({ inExperiment: true, reason: 'assigned' });
    expect((await assign(key, 't-2', { employees: 10, country: 'US' })).body).toEqual({
      experimentKey: key,
      unitId: 't-2',
      inExperiment: false,
      variantKey: null,
      assignedAt: null,
      reason: 'not_targeted',
    });
    expect((await assign(key, 't-3', { employees: 500, country: 'FR' })).body.reason).toBe('not_targeted');
    expect((await assign(key, 't-4')).body.reason).toBe('not_targeted');
    expect((await assign(key, 'vip-1')).body).toMatchObject({ inExperiment: true, reason: 'assigned' });
    // Once in, always in: attributes that no longer match do not take the unit out.
    expect((await assign(key, 't-1', { employees: 900, country: 'US' })).body).toMatchObject({ inExperiment: true, reason: 'sticky' });
  });

  it('serves forced variants first and marks their rows forced', async () => {
    const { key, id } = await createExperiment(t, { forcedVariants: { 'qa-anna': 'treatment', 'qa-bob': 'control' } });
    expect((await assign(key, 'qa-anna')).body).toMatchObject({ inExperiment: true, variantKey: 'treatment', reason: 'forced' });
    expect((await assign(key, 'qa-bob')).body).toMatchObject({ variantKey: 'control', reason: 'forced' });
    const rows = await t.dataSource.query(
      `SELECT unit_id, variant_key, forced FROM assignments WHERE experiment_id = $1 ORDER BY unit_id`,
      [id],
    );
    expect(rows).toEqual([
      { unit_id: 'qa-anna', variant_key: 'treatment', forced: true },
      { unit_id: 'qa-bob', variant_key: 'control', forced: true },
    ]);
  });

  it('assigns nobody new before start or while paused, but keeps returning recorded assignments', async () => {
    const { key } = await createExperiment(t, { start: false });
    expect((await assign(key, 'p-0')).body).toMatchObject({ inExperiment: false, variantKey: null, reason: 'not_running' });
    expect((await t.api('POST', `/experiments/${key}/start`, {})).status).toBe(200);
    await waitForConfig();
    const before = await assign(key, 'p-1');
    expect(before.body.reason).toBe('assigned');
    expect((await t.api('POST', `/experiments/${key}/pause`, {})).status).toBe(200);
    await waitForConfig();
    expect((await assign(key, 'p-1')).body).toMatchObject({ inExperiment: true, variantKey: before.body.variantKey, reason: 'sticky' });
    expect((await assign(key, 'p-2')).body).toMatchObject({ inExperiment: false, reason: 'not_running' });
  });

  it('agrees with the SDK evaluation (assignVariant) for the same configuration', async () => {
    const { key } = await createExperiment(t, { coverage: 0.6, seed: 'sdk-parity' });
    const experiment = {
      seed: 'sdk-parity',
      status: 'running' as const,
      coverage: 0.6,
      variants: [
        { key: 'control', weight: 0.5 },
        { key: 'treatment', weight: 0.5 },
      ],
    };
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => assign(key, `Zoë-${i}-中`)));
    answers.forEach((answer, i) => {
      const local = assignVariant(experiment, `Zoë-${i}-中`);
      expect(answer.body.variantKey).toBe(local.variantKey);
      expect(answer.body.reason).toBe(local.inExperiment ? 'assigned' : 'not_in_coverage');
    });
  });

  it('answers 404 for an unknown experiment and 400 naming the field for a bad body', async () => {
    expect((await assign('no-such-experiment', 'u')).status).toBe(404);
    const { key } = await createExperiment(t);
    const cases: [unknown, string][] = [
      [{ unitId: 'u' }, 'experimentKey'],
      [{ experimentKey: key, unitId: '' }, 'unitId'],
      [{ experimentKey: key, unitId: 42 }, 'unitId'],
      [{ experimentKey: key, unitId: 'x'.repeat(201) }, 'unitId'],
      [{ experimentKey: key, unitId: 'u', attributes: [1, 2] }, 'attributes'],
      [{ experimentKey: key, unitId: 'u', extra: true }, 'extra'],
      [{ experimentKey: key, unitId: 'u', attributes: { name: 'nul \u0000 inside' } }, 'attributes.name'],
      [{ experimentKey: key, unitId: 'u', attributes: { name: 'lone \udc00 surrogate' } }, 'attributes.name'],
    ];
    for (const [body, field] of cases) {
      const response = await t.api('POST', '/assignments', body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await t.api('POST', '/assignments', '{"experimentKey": ')).status).toBe(400);
  });

  // POST /assignments is a native Fastify route (skipping Nest's router): these pin down that it
  // answers exactly as the rest of the API does.
  it('answers a bad body with the API-wide 400 body, naming every wrong field', async () => {
    const response = await t.api('POST', '/assignments', { unitId: '', extra: 1 });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid',
      message: 'extra should not exist; experimentKey must be a string; unitId must not be empty',
      errors: [
        { field: 'extra', reason: 'should not exist' },
        { field: 'experimentKey', reason: 'must be a string' },
        { field: 'unitId', reason: 'must not be empty' },
      ],
    });
    const notAnObject = await t.api('POST', '/assignments', [1]);
    expect(notAnObject.body).toMatchObject({ statusCode: 400, errors: [{ field: 'body', reason: 'must be a JSON object' }] });
    const noBody = await t.api('POST', '/assignments');
    expect(noBody.body).toMatchObject({ statusCode: 400, errors: [{ field: 'body', reason: 'must be a JSON object' }] });
    const malformed = await t.api('POST', '/assignments', '{"experimentKey": ');
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const unknown = await t.api('POST', '/assignments', { experimentKey: 'no-such-experiment', unitId: 'u' });
    expect(unknown.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'not_found',
      message: 'experiment "no-such-experiment" not found',
    });
  });

  it('checks the key before the body, and refuses a revoked key', async () => {
    const missing = await t.api('POST', '/assignments', { nonsense: true }, null);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'missing bearer token (Authorization: Bearer <key>)',
    });
    const malformedHeader = await fetch(`${t.baseUrl}/api/v1/assignments`, {
      method: 'POST',
      headers: { authorization: TEST_ADMIN_TOKEN, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(malformedHeader.status).toBe(401);

    const { key } = await createExperiment(t);
    const created = await t.api('POST', '/api-keys', { name: uniqueKey('revoked sdk'), scope: 'sdk' });
    expect((await assign(key, 'rev-1', undefined, created.body.key)).status).toBe(200);
    expect((await t.api('DELETE', `/api-keys/${created.body.id}`)).status).toBe(204);
    const revoked = await assign(key, 'rev-2', undefined, created.body.key);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ statusCode: 401, message: 'invalid or revoked key' });
  });

  it('lets a browser on an allowed origin call it (CORS_ORIGINS)', async () => {
    const browserApp = await startTestApp({ CORS_ORIGINS: 'https://app.example.com' });
    try {
      const { key } = await createExperiment(browserApp);
      const preflight = await fetch(`${browserApp.baseUrl}/api/v1/assignments`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const response = await fetch(`${browserApp.baseUrl}/api/v1/assignments`, {
        method: 'POST',
        headers: { origin: 'https://app.example.com', authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ experimentKey: key, unitId: 'cors-1' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    } finally {
      await browserApp.close();
    }
  });

  it('is described in the OpenAPI document with its request and response schemas', async () => {
    const doc = (await t.api('GET', '/api/docs-json', undefined, null)).body;
    const operation = doc.paths['/api/v1/assignments'].post;
    expect(operation.tags).toEqual(['assignments']);
    expect(operation.security).toEqual([{ bearer: [] }]);
    expect(operation.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/AssignmentRequestDto');
    expect(operation.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/AssignmentResponseDto');
    expect(Object.keys(doc.components.schemas.AssignmentRequestDto.properties)).toEqual(['experimentKey', 'unitId', 'attributes']);
    expect(doc.components.schemas.AssignmentResponseDto.properties.reason.enum).toContain('not_in_coverage');
  });

  it('lets sdk-scope keys call the SDK routes and refuses them elsewhere', async () => {
    const { key, flowKey } = await createExperiment(t);
    const created = await t.api('POST', '/api-keys', { name: 'web sdk', scope: 'sdk' });
    expect(created.status).toBe(201);
    const sdkKey: string = created.body.key;
    expect((await assign(key, 'sdk-unit', undefined, sdkKey)).status).toBe(200);
    expect((await t.api('GET', '/sdk/config', undefined, sdkKey)).status).toBe(200);
    const exposure = await t.api('POST', '/exposures', { exposures: [{ experimentKey: key, unitId: 'sdk-unit', variantKey: 'control' }] }, sdkKey);
    expect(exposure.status).toBe(202);
    const events = await t.api(
      'POST',
      '/events',
      { events: [{ id: uniqueKey('evt'), unitId: 'sdk-unit', flowKey, stepKey: 'visit', outcome: 'aligned' }] },
      sdkKey,
    );
    expect(events.status).toBe(202);
    expect((await t.api('GET', '/experiments', undefined, sdkKey)).status).toBe(403);
    expect((await t.api('POST', '/flows', { key: uniqueKey('f'), name: 'x', steps: [] }, sdkKey)).status).toBe(403);
    expect((await t.api('GET', '/api-keys', undefined, sdkKey)).status).toBe(403);
    expect((await assign(key, 'sdk-unit', undefined, null)).status).toBe(401);
    expect((await assign(key, 'sdk-unit', undefined, 'not-a-key-0123456789')).status).toBe(401);
  });
});
