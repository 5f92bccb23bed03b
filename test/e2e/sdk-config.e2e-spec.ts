import { hashUnitId, LocalEvaluator, SdkConfig, unitIdTag } from '@verdict/shared';
import { startTestApp, TestApp } from '../support/app';
import { createCohort, createExperiment, createRunningExperiment, pauseExperiment, stopExperiment } from '../support/factories';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

const waitForConfig = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('GET /api/v1/sdk/config', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists running and paused experiments with everything local evaluation needs', async () => {
    const cohort = await createCohort(t.api, { rules: [{ attribute: 'companySize', op: 'lt', value: 50 }] });
    const focus = await createCohort(t.api, { kind: 'focus_group', rules: [], members: ['vip-1', 'vip-2'] });
    const running = await createRunningExperiment(t.api, {
      coverage: 0.4,
      seed: 'config-seed',
      targetCohortKeys: [cohort.key, focus.key],
      forcedVariants: { 'qa-1': 'treatment' },
      variants: [
        { key: 'control', weight: 0.4, control: true },
        { key: 'treatment', weight: 0.6 },
      ],
    });
    const paused = await createRunningExperiment(t.api);
    await pauseExperiment(t.api, paused.key);
    const draft = await createExperiment(t.api);
    const stopped = await createRunningExperiment(t.api);
    await stopExperiment(t.api, stopped.key);
    await waitForConfig();

    const response = await t.api<SdkConfig>('GET', '/sdk/config');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${response.body.version}"`);
    // Unit ids only as sha256(configSalt + ":" + id), with the deployment's salt from PostgreSQL.
    const salt = response.body.configSalt;
    const [stored] = await t.dataSource.query(`SELECT value FROM settings WHERE name = 'sdk_config_salt'`);
    expect(salt).toBe(stored.value);
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    const hash = (unitId: string) => hashUnitId(salt, unitId);
    expect(response.body.unitIdTags).toEqual(expect.arrayContaining(['vip-1', 'vip-2', 'qa-1'].map((id) => unitIdTag(salt, id))));
    for (const unitId of ['vip-1', 'vip-2', 'qa-1']) expect(JSON.stringify(response.body)).not.toContain(unitId);
    const byKey = new Map(response.body.experiments.map((e) => [e.key, e]));
    expect(byKey.get(running.key)).toEqual({
      key: running.key,
      seed: 'config-seed',
      status: 'running',
      variants: [
        { key: 'control', weight: 0.4, control: true },
        { key: 'treatment', weight: 0.6, control: false },
      ],
      coverage: 0.4,
      targeting: expect.arrayContaining([
        { key: cohort.key, rules: [{ attribute: 'companySize', op: 'lt', value: 50 }], members: [] },
        { key: focus.key, rules: [], members: [hash('vip-1'), hash('vip-2')] },
      ]),
      forcedVariants: { [hash('qa-1')]: 'treatment' },
    });
    expect(byKey.get(paused.key)?.status).toBe('paused');
    expect(byKey.has(draft.key)).toBe(false);
    expect(byKey.has(stopped.key)).toBe(false);
    expect(Date.parse(response.body.generatedAt)).not.toBeNaN();

    // The SDK hashes before looking up: the forced unit and the focus-group members are found.
    const sdk = new LocalEvaluator({ baseUrl: t.baseUrl, apiKey: TEST_ADMIN_TOKEN, refreshIntervalMs: 0, trackExposures: false });
    await sdk.ready();
    expect(sdk.evaluate(running.key, 'qa-1')).toEqual({ inExperiment: true, variantKey: 'treatment', reason: 'forced' });
    expect(sdk.evaluate(running.key, 'vip-1', { companySize: 5000 }).reason).not.toBe('not_targeted');
    expect(sdk.evaluate(running.key, 'vip-3', { companySize: 5000 }).reason).toBe('not_targeted');
    await sdk.close();
  });

  it('keeps one salt for the deployment: every instance sends the same', async () => {
    const other = await startTestApp();
    try {
      const [a, b] = await Promise.all([t.api<SdkConfig>('GET', '/sdk/config'), other.api<SdkConfig>('GET', '/sdk/config')]);
      expect(a.body.configSalt).toBe(b.body.configSalt);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM settings WHERE name = 'sdk_config_salt'`);
      expect(count).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('answers 304 to a matching If-None-Match and a new ETag after a change', async () => {
    const experiment = await createRunningExperiment(t.api, { coverage: 0.2 });
    await waitForConfig();
    const first = await t.api('GET', '/sdk/config');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const revalidate = await fetch(`${t.baseUrl}/api/v1/sdk/config`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'if-none-match': etag },
    });
    expect(revalidate.status).toBe(304);
    expect(await revalidate.text()).toBe('');
    expect(revalidate.headers.get('etag')).toBe(etag);

    expect((await t.api('PATCH', `/experiments/${experiment.key}`, { coverage: 0.9 })).status).toBe(200);
    await waitForConfig();
    const changed = await fetch(`${t.baseUrl}/api/v1/sdk/config`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const body: SdkConfig = await changed.json();
    expect(body.experiments.find((e) => e.key === experiment.key)?.coverage).toBe(0.9);
  });

  it('lets the SDK evaluate locally exactly as the server assigns', async () => {
    const cohort = await createCohort(t.api, { rules: [{ attribute: 'country', op: 'in', value: ['FR', 'DE'] }] });
    const experiment = await createRunningExperiment(t.api, { coverage: 0.8, targetCohortKeys: [cohort.key] });
    await waitForConfig();
    const sdk = new LocalEvaluator({ baseUrl: t.baseUrl, apiKey: TEST_ADMIN_TOKEN, refreshIntervalMs: 0, trackExposures: false });
    await sdk.ready();
    for (let i = 0; i < 60; i++) {
      const attributes = { country: ['FR', 'DE', 'US'][i % 3] };
      const local = sdk.evaluate(experiment.key, `cmp-${i}`, attributes);
      const server = await t.api('POST', '/assignments', { experimentKey: experiment.key, unitId: `cmp-${i}`, attributes });
      expect({ inExperiment: server.body.inExperiment, variantKey: server.body.variantKey, reason: server.body.reason }).toEqual(local);
    }
    await sdk.close();
  });

  it('lets a browser on an allowed origin call it (CORS_ORIGINS)', async () => {
    const browserApp = await startTestApp({ CORS_ORIGINS: 'https://app.example.com' });
    try {
      const preflight = await fetch(`${browserApp.baseUrl}/api/v1/sdk/config`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization,if-none-match',
        },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const response = await fetch(`${browserApp.baseUrl}/api/v1/sdk/config`, {
        headers: { origin: 'https://app.example.com', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const other = await fetch(`${browserApp.baseUrl}/api/v1/sdk/config`, {
        headers: { origin: 'https://evil.example.com', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await browserApp.close();
    }
  });

  it('needs a key', async () => {
    expect((await t.api('GET', '/sdk/config', undefined, null)).status).toBe(401);
  });
});
