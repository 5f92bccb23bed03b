import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import type { SdkConfig } from '@verdict/shared';
import { assignVariant } from '@verdict/shared';
import { AnalysisBusyError, AnalysisRunner } from '../../server/src/analysis/analysis-runner.service';
import { AnalysisSchedulerSync } from '../../server/src/analysis/analysis-scheduler.sync';
import { AnalysisQueueService } from '../../server/src/jobs/analysis-queue.service';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { createFlow, createHypothesis, createRunningExperiment } from '../support/factories';
import { waitFor } from '../support/send';
import { TEST_DATABASE_URL } from '../support/test-env';
import { spawnFromSource } from '../support/spawn-from-source';

// The analysis jobs under adversity: a worker killed mid-way, a failing run, two runs of one
// experiment at once, and a restart that lost the schedulers.

/** A running experiment with a few exposed units and events. */
async function runningExperiment(t: TestApp): Promise<{ key: string; id: string }> {
  const flow = await createFlow(t.api, {
    key: uniqueKey('aj-flow'),
    name: 'Checkout',
    steps: [
      { key: 'cart', name: 'Cart', kind: 'trigger' },
      { key: 'paid', name: 'Paid', kind: 'need_met', terminal: true },
    ],
  });
  const hypothesis = await createHypothesis(t.api, {
    title: 'Express checkout',
    statement: 'We believe that express checkout will increase payments by at least 5 %.',
    metricArea: 'financial_impact',
    flowKey: flow.key,
    primaryStepKey: 'paid',
    guardrailStepKeys: [],
    minimumEffect: 0.05,
  });
  const { key, id } = await createRunningExperiment(t.api, {
    key: uniqueKey('aj-exp'),
    name: 'Express checkout',
    hypothesisId: hypothesis.id,
    baselineRate: 0.3,
  });
  const config = await waitFor(async () => {
    const response = await t.api<SdkConfig>('GET', '/sdk/config');
    return response.body.experiments.find((e) => e.key === key && e.status === 'running');
  });
  const exposures = Array.from({ length: 40 }, (_, i) => `${key}-u${i}`).map((unitId) => ({
    experimentKey: key,
    unitId,
    variantKey: assignVariant(config, unitId).variantKey!,
    assignedAt: new Date(Date.now() - 3600_000).toISOString(),
  }));
  expect((await t.api('POST', '/exposures', { exposures })).body.rejected).toEqual([]);
  const events = exposures.map((exposure, i) => ({
    id: `${key}-e${i}`,
    unitId: exposure.unitId,
    flowKey: flow.key,
    stepKey: i % 3 === 0 ? 'paid' : 'cart',
    outcome: 'aligned',
  }));
  expect((await t.api('POST', '/events', { events })).body.rejected).toEqual([]);
  return { key, id };
}

async function analysesOf(t: TestApp, key: string): Promise<any[]> {
  const response = await t.api('GET', `/experiments/${key}/analyses?limit=100`);
  expect(response.status).toBe(200);
  return response.body.items;
}

describe('analysis jobs', () => {
  let pg: Client;
  beforeAll(async () => {
    pg = new Client({ connectionString: TEST_DATABASE_URL });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
  });

  describe('with a worker in the API process', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('never runs two analyses of one experiment at once: a run waits for the lock without failing', async () => {
      const experiment = await runningExperiment(t);
      const lockKey = `verdict-analysis:${experiment.id}`;
      // Another "worker" holds the experiment's lock.
      await pg.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
      try {
        await expect(
          t.app.get(AnalysisRunner).run({ jobId: uniqueKey('direct'), experimentId: experiment.id, trigger: 'manual', attempt: 1 }),
        ).rejects.toBeInstanceOf(AnalysisBusyError);
        const { body } = await t.api('POST', `/experiments/${experiment.key}/analyses`);
        await new Promise((resolve) => setTimeout(resolve, 2500));
        expect((await t.api('GET', `/analysis-jobs/${body.jobId}`)).body).toMatchObject({ state: 'queued', analysisId: null });
        expect(await analysesOf(t, experiment.key)).toEqual([]);
      } finally {
        await pg.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
      }
      const analyses = await waitFor(async () => {
        const items = await analysesOf(t, experiment.key);
        return items.length > 0 && items;
      });
      expect(analyses).toHaveLength(1);
      expect(analyses[0]).toMatchObject({ status: 'succeeded', trigger: 'manual' });
    });

    it('keeps a failed run with its error, retries it with backoff, and leaves one analysis once it succeeds', async () => {
      const experiment = await runningExperiment(t);
      // Break the experiment behind the API's back: no control variant.
      await pg.query(`UPDATE experiments SET variants = jsonb_set(variants, '{0,control}', 'false') WHERE id = $1`, [
        experiment.id,
      ]);
      const { body } = await t.api('POST', `/experiments/${experiment.key}/analyses`);
      const failed = await waitFor(async () => (await analysesOf(t, experiment.key)).find((a) => a.status === 'failed'));
      expect(failed).toMatchObject({ trigger: 'manual', results: null });
      expect(failed.error).toMatch(/control/);
      const job = (await t.api('GET', `/analysis-jobs/${body.jobId}`)).body;
      expect(job).toMatchObject({ experimentKey: experiment.key, analysisId: null });
      expect(job.error).toMatch(/control/);

      await pg.query(`UPDATE experiments SET variants = jsonb_set(variants, '{0,control}', 'true') WHERE id = $1`, [
        experiment.id,
      ]);
      const done = await waitFor(async () => {
        const state = (await t.api('GET', `/analysis-jobs/${body.jobId}`)).body;
        return state.state === 'done' && state;
      });
      const analyses = await analysesOf(t, experiment.key);
      expect(analyses).toHaveLength(1);
      expect(analyses[0]).toMatchObject({ id: done.analysisId, status: 'succeeded', error: null });
    });

    it('re-registers the schedulers of running experiments from PostgreSQL (after Redis lost them)', async () => {
      const experiment = await runningExperiment(t);
      const queue = t.app.get(AnalysisQueueService);
      expect(await queue.scheduledExperimentIds()).toContain(experiment.id);
      await queue.unschedule(experiment.id);
      expect(await queue.scheduledExperimentIds()).not.toContain(experiment.id);

      const restarted = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
      try {
        expect(await queue.scheduledExperimentIds()).toContain(experiment.id);
      } finally {
        await restarted.close();
      }
      // Redis emptied while the app runs: the periodic check puts it back without a restart.
      await queue.unschedule(experiment.id);
      expect(await t.app.get(AnalysisSchedulerSync).restoreMissing()).toBeGreaterThanOrEqual(1);
      expect(await queue.scheduledExperimentIds()).toContain(experiment.id);

      // And a stopped experiment's leftover scheduler is removed.
      expect((await t.api('POST', `/experiments/${experiment.key}/stop`)).status).toBe(200);
      await waitFor(async () => (await analysesOf(t, experiment.key)).find((a) => a.trigger === 'final'));
      await queue.schedule(experiment.id, 60);
      expect(await queue.scheduledExperimentIds()).toContain(experiment.id);
      const again = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
      try {
        expect(await queue.scheduledExperimentIds()).not.toContain(experiment.id);
      } finally {
        await again.close();
      }
    });
  });

  describe('a worker killed mid-way', () => {
    let api: TestApp;
    let child: ChildProcess | null = null;
    beforeAll(async () => {
      api = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
    });
    afterAll(async () => {
      child?.kill('SIGKILL');
      await api.close();
    });

    it('is retried by another worker and leaves exactly one analysis', async () => {
      const experiment = await runningExperiment(api);

      // A standalone worker process (`npm run worker`'s entry point, run from source).
      child = spawnFromSource('worker.ts');
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      await waitFor(async () => output.includes('analysis worker running'), 60_000);

      // Hold the analyses table so the worker's final write waits: the run is now mid-way.
      const blocker = new Client({ connectionString: TEST_DATABASE_URL });
      await blocker.connect();
      let jobId: string;
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE analyses IN SHARE MODE');
        jobId = (await api.api('POST', `/experiments/${experiment.key}/analyses`)).body.jobId;
        const waiting = await waitFor(async () => {
          const rows = await pg.query(
            `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%"analyses"%'`,
          );
          return rows.rows[0];
        }, 30_000);
        expect((await api.api('GET', `/analysis-jobs/${jobId}`)).body.state).toBe('running');

        // Kill it: the process dies and its connection (and open transaction) goes with it.
        child.kill('SIGKILL');
        await pg.query('SELECT pg_terminate_backend($1)', [waiting.pid]);
      } finally {
        await blocker.query('COMMIT');
        await blocker.end();
      }
      expect(await analysesOf(api, experiment.key)).toEqual([]);

      // Another worker finds the job stalled once the dead worker's lock expires, and runs it.
      const rescuer = await startTestApp();
      try {
        const done = await waitFor(async () => {
          const job = (await rescuer.api('GET', `/analysis-jobs/${jobId}`)).body;
          return job.state === 'done' && job;
        }, 100_000);
        const analyses = await analysesOf(api, experiment.key);
        expect(analyses).toHaveLength(1);
        expect(analyses[0]).toMatchObject({ id: done.analysisId, status: 'succeeded', trigger: 'manual' });
      } finally {
        await rescuer.close();
      }
    }, 180_000);
  });
});
