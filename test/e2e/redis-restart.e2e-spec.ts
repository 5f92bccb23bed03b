import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as net from 'node:net';
import Redis from 'ioredis';
import { Client } from 'pg';
import { AnalysisQueueService } from '../../server/src/jobs/analysis-queue.service';
import { ApiResponse, startTestApp, TestApp, uniqueKey } from '../support/app';
import { createFlow, createHypothesis, createRunningExperiment } from '../support/factories';
import { TEST_DATABASE_URL } from '../support/test-env';

// Redis stopped and started again (empty, as a Redis without persistence comes back) under a
// steady load of assignments and event batches, on a redis-server of the test's own so that no
// other test's queue is touched.

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A redis-server on `port` without persistence: every restart starts empty. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await eventually(async () => {
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }, 10_000);
  return child;
}

async function stopRedis(port: number, child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
  client.disconnect();
  await exited;
}

describe('a Redis restart under load', () => {
  let port: number;
  let redis: ChildProcess;
  let t: TestApp;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await t?.close();
    if (redis && redis.exitCode === null) await stopRedis(port, redis);
  });

  it('keeps assigning and ingesting, restores the schedulers, and runs each analysis requested before, during and after it exactly once', async () => {
    const flow = await createFlow(t.api);
    const hypothesis = await createHypothesis(t.api, { flowKey: flow.key });
    const experiment = await createRunningExperiment(t.api, { hypothesisId: hypothesis.id });
    const queue = t.app.get(AnalysisQueueService);
    expect(await queue.scheduledExperimentIds()).toContain(experiment.id);

    // The steady load: assignments of new units and batches of 20 events, 4 of each in flight.
    const answers: ApiResponse[] = [];
    const assignedUnits: string[] = [];
    const acceptedEvents: string[] = [];
    // A request that got no answer at all (connection refused or reset) counts as status 0.
    const noAnswer = (error: Error): ApiResponse => ({ status: 0, body: error.message, headers: new Headers() });
    let loading = true;
    let sequence = 0;
    const assigning = async () => {
      while (loading) {
        const unitId = `load-${++sequence}`;
        const res = await t.api('POST', '/assignments', { experimentKey: experiment.key, unitId }).catch(noAnswer);
        answers.push(res);
        if (res.status === 200 && res.body.inExperiment) assignedUnits.push(unitId);
      }
    };
    const ingesting = async () => {
      while (loading) {
        const events = Array.from({ length: 20 }, (_, i) => ({
          id: uniqueKey(`evt-${i}`),
          unitId: `load-${++sequence}`,
          flowKey: flow.key,
          stepKey: 'visit',
          outcome: 'aligned',
        }));
        const res = await t.api('POST', '/events', { events }).catch(noAnswer);
        answers.push(res);
        if (res.status === 202 && res.body.accepted === events.length) acceptedEvents.push(...events.map((e) => e.id));
      }
    };
    const load = [...Array.from({ length: 4 }, assigning), ...Array.from({ length: 4 }, ingesting)];
    await sleep(500);

    // An analysis requested before the outage that cannot run yet: another "worker" holds the
    // experiment's analysis lock, so the job waits in Redis, and Redis loses it.
    const lock = new Client({ connectionString: TEST_DATABASE_URL });
    await lock.connect();
    const lockKey = `verdict-analysis:${experiment.id}`;
    await lock.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
    const before = await t.api('POST', `/experiments/${experiment.key}/analyses`);
    expect(before.status).toBe(202);
    await eventually(async () => (await (await queue.getJob(before.body.jobId))?.getState()) === 'delayed', 10_000);

    await stopRedis(port, redis);
    const answersBeforeOutage = answers.length;
    // An analysis requested while Redis is down: the request waits for Redis, then queues it once.
    const requested = t.api('POST', `/experiments/${experiment.key}/analyses`);
    await sleep(1000);
    const health = await t.api('GET', '/health', undefined, null);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', redis: 'down' });
    const answersDuringOutage = answers.length - answersBeforeOutage;

    redis = await startRedis(port);
    await eventually(async () => (await t.api('GET', '/health', undefined, null)).body.redis === 'up', 10_000);
    // The run Redis lost is still reported as queued, whether or not it is back in Redis yet.
    expect((await t.api('GET', `/analysis-jobs/${before.body.jobId}`)).body).toMatchObject({ state: 'queued', analysisId: null });
    await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
    await lock.end();
    await sleep(500);
    loading = false;
    await Promise.all(load);

    // Nothing failed, and the load went on while Redis was away.
    expect(answers.filter((res) => res.status >= 500)).toEqual([]);
    expect(answers.every((res) => res.status === 200 || res.status === 202)).toBe(true);
    expect(answersDuringOutage).toBeGreaterThan(0);
    // Everything acknowledged is stored.
    const [{ count: storedUnits }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM assignments WHERE experiment_id = $1 AND unit_id = ANY($2)',
      [experiment.id, assignedUnits],
    );
    expect(storedUnits).toBe(assignedUnits.length);
    const [{ count: storedEvents }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM step_events WHERE id = ANY($1)',
      [acceptedEvents],
    );
    expect(storedEvents).toBe(acceptedEvents.length);

    // The empty Redis gets the experiment's scheduler back from PostgreSQL, long before the
    // periodic restore (every 5 minutes) would come round.
    await eventually(async () => (await queue.scheduledExperimentIds()).includes(experiment.id), 10_000);

    // The analyses requested before (lost by Redis, queued again from PostgreSQL), during and
    // after the outage each run once: the queue and the worker reconnected.
    const { status, body } = await requested;
    expect(status).toBe(202);
    const afterRestart = (await t.api('POST', `/experiments/${experiment.key}/analyses`)).body.jobId as string;
    const jobIds = [before.body.jobId as string, body.jobId as string, afterRestart];
    for (const jobId of jobIds) {
      await eventually(async () => (await t.api('GET', `/analysis-jobs/${jobId}`)).body.state === 'done', 30_000);
    }
    // Given the time for a second run of any of them to show.
    await sleep(1500);
    const rows: { job_id: string; status: string }[] = await t.dataSource.query(
      `SELECT job_id, status FROM analyses WHERE experiment_id = $1 ORDER BY job_id`,
      [experiment.id],
    );
    expect(rows).toEqual(jobIds.sort().map((jobId) => ({ job_id: jobId, status: 'succeeded' })));
  });
});
