import { Client } from 'pg';
import type { AssignmentResponse } from '@verdict/shared';
import { ChangeNotifications } from '../../server/src/database/change-notifications';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { createCohort, createExperiment, createFlow, createRunningExperiment } from '../support/factories';
import { TEST_DATABASE_URL } from '../support/test-env';

// Two instances of the API on one database, as behind a load balancer. A change made through
// instance A is served by A from its very next request, and by B as soon as PostgreSQL delivers
// the change notification. The bounded waits on B stay below the caches' safety-net TTLs where
// those are long enough to tell the two apart (API keys 10 s, flow steps 5 s), so only the
// notification can make those pass; none of them asserts a speed.

/** Polls until `probe` holds, for at most `timeoutMs`; returns how many probes it took. */
async function eventually(probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (let probes = 1; ; probes++) {
    if (await probe()) return probes;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  let unit = 0;
  const assign = async (instance: TestApp, experimentKey: string, attributes?: Record<string, unknown>) => {
    const res = await instance.api<AssignmentResponse>('POST', '/assignments', {
      experimentKey,
      unitId: `unit-${++unit}`,
      ...(attributes ? { attributes } : {}),
    });
    expect(res.status).toBe(200);
    return res.body.reason;
  };

  it('assigns from the first request after a start returns on A, and on B within the notification delay', async () => {
    const { key } = await createExperiment(a.api);
    // Both instances have the draft cached as not running.
    expect(await assign(a, key)).toBe('not_running');
    expect(await assign(b, key)).toBe('not_running');

    expect((await a.api('POST', `/experiments/${key}/start`)).status).toBe(200);
    expect(await assign(a, key)).toBe('assigned');
    await eventually(async () => (await assign(b, key)) === 'assigned', 5000);
  });

  it('answers a start only once its own caches took it in, however late its notifications arrive', async () => {
    const { key } = await createExperiment(a.api);
    expect(await assign(a, key)).toBe('not_running');
    // Keep A's listening connection busy for a second: PostgreSQL hands it no notification
    // before that, so only waiting for its own change lets A answer the start correctly.
    const listener = (a.app.get(ChangeNotifications) as unknown as { client: Client }).client;
    const busy = listener.query('SELECT pg_sleep(1)');
    try {
      expect((await a.api('POST', `/experiments/${key}/start`)).status).toBe(200);
      expect(await assign(a, key)).toBe('assigned');
    } finally {
      await busy;
    }
  });

  it('stops assigning on both after a pause', async () => {
    const { key } = await createRunningExperiment(a.api);
    expect(await assign(a, key)).toBe('assigned');
    expect(await assign(b, key)).toBe('assigned');

    expect((await a.api('POST', `/experiments/${key}/pause`)).status).toBe(200);
    expect(await assign(a, key)).toBe('not_running');
    await eventually(async () => (await assign(b, key)) === 'not_running', 5000);
  });

  it('follows a change of a targeted cohort’s rules', async () => {
    const cohort = await createCohort(a.api, { rules: [{ attribute: 'plan', op: 'eq', value: 'pro' }] });
    const { key } = await createRunningExperiment(a.api, { targetCohortKeys: [cohort.key] });
    expect(await assign(a, key, { plan: 'free' })).toBe('not_targeted');
    expect(await assign(b, key, { plan: 'free' })).toBe('not_targeted');

    const patched = await a.api('PATCH', `/cohorts/${cohort.key}`, {
      rules: [{ attribute: 'plan', op: 'in', value: ['pro', 'free'] }],
    });
    expect(patched.status).toBe(200);
    expect(await assign(a, key, { plan: 'free' })).toBe('assigned');
    await eventually(async () => (await assign(b, key, { plan: 'free' })) === 'assigned', 5000);
  });

  it('refuses a revoked key on A at once and on B well within the key cache’s 10 s', async () => {
    const created = await a.api('POST', '/api-keys', { name: uniqueKey('two-instances'), scope: 'sdk' });
    expect(created.status).toBe(201);
    const { id, key: token } = created.body as { id: string; key: string };
    expect((await a.api('GET', '/sdk/config', undefined, token)).status).toBe(200);
    expect((await b.api('GET', '/sdk/config', undefined, token)).status).toBe(200);

    expect((await a.api('DELETE', `/api-keys/${id}`)).status).toBe(204);
    expect((await a.api('GET', '/sdk/config', undefined, token)).status).toBe(401);
    await eventually(async () => (await b.api('GET', '/sdk/config', undefined, token)).status === 401, 5000);
  });

  it('accepts events on a step added to a flow on B well within the flow cache’s 5 s', async () => {
    const flow = await createFlow(a.api);
    const send = (instance: TestApp, stepKey: string) =>
      instance.api('POST', '/events', {
        events: [{ id: uniqueKey('evt'), unitId: 'u-1', flowKey: flow.key, stepKey, outcome: 'aligned' }],
      });
    expect((await send(b, 'bonus')).body).toMatchObject({ accepted: 0 });

    const steps = [...flow.steps, { key: 'bonus', name: 'Bonus', kind: 'step' }];
    expect((await a.api('PATCH', `/flows/${flow.key}`, { steps })).status).toBe(200);
    expect((await send(a, 'bonus')).body).toMatchObject({ accepted: 1 });
    await eventually(async () => (await send(b, 'bonus')).body.accepted === 1, 3000);
  });

  it('reconnects when PostgreSQL drops the listening connections, and keeps following changes', async () => {
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const listeners = async (): Promise<number[]> =>
        (
          await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'verdict-changes'`,
          )
        ).rows.map((row) => row.pid);
      // A and B's (an instance closed by an earlier test may take a moment to leave the list).
      let before: number[] = [];
      await eventually(async () => (before = await listeners()).length === 2, 5000);

      await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
      await eventually(async () => {
        const now = await listeners();
        return now.length === 2 && now.every((pid) => !before.includes(pid));
      }, 10_000);

      // A key that B caches as valid on the new connection's watch.
      const created = await a.api('POST', '/api-keys', { name: uniqueKey('reconnect'), scope: 'sdk' });
      const { id, key: token } = created.body as { id: string; key: string };
      expect((await b.api('GET', '/sdk/config', undefined, token)).status).toBe(200);
      expect((await a.api('DELETE', `/api-keys/${id}`)).status).toBe(204);
      await eventually(async () => (await b.api('GET', '/sdk/config', undefined, token)).status === 401, 5000);
    } finally {
      await admin.end();
    }
  });
});
