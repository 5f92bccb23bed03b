import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AnalysisProcessor } from '../../server/src/analysis/analysis.processor';
import { AnalysisRunner } from '../../server/src/analysis/analysis-runner.service';
import { AssignRoute } from '../../server/src/assignments/assign.route';
import { AuthService } from '../../server/src/auth/auth.service';
import { loadEnv } from '../../server/src/config/env';
import { HypothesesController } from '../../server/src/hypotheses/hypotheses.controller';
import { WorkerModule } from '../../server/src/worker.module';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { createRunningExperiment } from '../support/factories';

// The standalone worker (`npm run worker`) boots WorkerModule: what runs analyses and nothing else.
describe('the standalone worker (WorkerModule)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
    // Not consuming the queue here: the test calls the runner itself.
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...loadEnv(), runWorker: false }), {
      logger: false,
    });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('holds the analysis processor and runner, but no routes, auth or assignment path', () => {
    expect(worker.get(AnalysisProcessor)).toBeInstanceOf(AnalysisProcessor);
    expect(worker.get(AnalysisRunner)).toBeInstanceOf(AnalysisRunner);
    for (const absent of [AuthService, AssignRoute, HypothesesController]) {
      expect(() => worker.get(absent, { strict: false })).toThrow();
    }
  });

  it('analyses an experiment and moves nothing it should not', async () => {
    const experiment = await createRunningExperiment(t.api);
    const outcome = await worker
      .get(AnalysisRunner)
      .run({ jobId: uniqueKey('worker'), experimentId: experiment.id, trigger: 'manual', attempt: 1 });
    expect(outcome.kind).toBe('analysed');
    const results = await t.api('GET', `/experiments/${experiment.key}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ experimentKey: experiment.key, trigger: 'manual' });
    // No units yet: the hypothesis keeps running.
    expect((await t.api('GET', `/hypotheses/${experiment.hypothesisId}`)).body.status).toBe('running');
  });
});
