import { startTestApp, TestApp, uniqueKey } from '../support/app';
import {
  createCohort,
  createExperiment,
  createHypothesis,
  createRunningExperiment,
  experimentRequest,
  pauseExperiment,
  startExperiment,
  stopExperiment,
} from '../support/factories';
import { AnalysisQueueService } from '../../server/src/jobs/analysis-queue.service';
import { schedulerId } from '../../server/src/jobs/queue.constants';

// Reference sample sizes, computed independently of our code with Python's standard library
// (statistics.NormalDist, the sample-size formula of docs/statistics.md):
//   from statistics import NormalDist; import math; N = NormalDist()
//   def n(p1, m, a, pw, d='increase', k=1):
//       p2 = p1*(1+m) if d == 'increase' else p1*(1-m)
//       za = N.inv_cdf(1 - a/k/2); zb = N.inv_cdf(pw); pb = (p1+p2)/2
//       return math.ceil((za*math.sqrt(2*pb*(1-pb)) + zb*math.sqrt(p1*(1-p1)+p2*(1-p2)))**2 / (p2-p1)**2)
//   n(0.2, 0.1, 0.05, 0.8) = 6510 (6509.47);  n(0.2, 0.1, 0.05, 0.8, k=2) = 7884 (7883.13)
//   n(0.1, 0.2, 0.05, 0.9, 'decrease') = 4301 (4300.71)
// Cross-check: 6510 agrees with the usual online calculators for 20 % → 22 % (≈ 6,500 per arm).
//
// The default method is sequential, planned for the power it promises: the fixed-horizon size
// times the inflation of a 20-look Lan–DeMets O'Brien–Fleming design, solved independently by
// shared/src/stats/reference/group_sequential_power_ref.py (its own trapezoid integration):
//   python3 group_sequential_power_ref.py 0.05,0.1,…,1 <alpha per treatment> solve:<power>
//   alpha 0.05, power 0.8 → inflation 1.0463114;  alpha 0.025, power 0.8 → 1.0374498;
//   alpha 0.05, power 0.9 → 1.0436980
//   math.ceil(6510*1.0463114) = 6812;  math.ceil(7884*1.0374498) = 8180;  math.ceil(4301*1.0436980) = 4489
// (the method `fixed` keeps the fixed-horizon size). A fresh flow has no history, so CUPED's
// expected variance reduction is 0 and does not shrink these plans.

describe('/api/v1/experiments', () => {
  let t: TestApp;
  let queue: AnalysisQueueService;
  beforeAll(async () => {
    t = await startTestApp();
    queue = t.app.get(AnalysisQueueService);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/v1/experiments', () => {
    it('creates a draft at the hypothesis version, with defaults and plannedSampleSize', async () => {
      const hypothesis = await createHypothesis(t.api);
      const request = experimentRequest(hypothesis.id);
      const res = await t.api('POST', '/experiments', request);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        key: request.key,
        hypothesisId: hypothesis.id,
        hypothesisVersion: 1,
        status: 'draft',
        flowKey: hypothesis.flowKey,
        variants: [
          { key: 'control', name: 'Current signup', weight: 0.5, control: true },
          { key: 'treatment', name: 'One page', weight: 0.5, control: false },
        ],
        coverage: 1,
        seed: request.key,
        targetCohortKeys: [],
        alpha: 0.05,
        power: 0.8,
        method: 'sequential',
        baselineRate: 0.2,
        plannedSampleSize: 6812,
        plannedSampleSizeWithout: 6812,
        expectedVarianceReduction: 0,
        varianceReduction: { method: 'cuped', lookbackDays: 14 },
        analysisIntervalMinutes: 60,
        forcedVariants: {},
        startedAt: null,
        stoppedAt: null,
      });
    });

    it('splits alpha across treatments and follows the direction (reference values above)', async () => {
      const up = await createHypothesis(t.api);
      const three = await createExperiment(t.api, {
        hypothesisId: up.id,
        variants: [
          { key: 'a', weight: 0.4, control: true },
          { key: 'b', weight: 0.3 },
          { key: 'c', weight: 0.3 },
        ],
      });
      expect(three.plannedSampleSize).toBe(8180);
      const down = await createHypothesis(t.api, { expectedDirection: 'decrease', minimumEffect: 0.2 });
      const fewer = await createExperiment(t.api, { hypothesisId: down.id, baselineRate: 0.1, power: 0.9 });
      expect(fewer.plannedSampleSize).toBe(4489);
      const fixed = await createExperiment(t.api, { hypothesisId: up.id, method: 'fixed' });
      expect(fixed.plannedSampleSize).toBe(6510);
    });

    it('answers 400 on baselineRate when p2 falls outside (0, 1)', async () => {
      const hypothesis = await createHypothesis(t.api, { minimumEffect: 1.5 });
      const res = await t.api('POST', '/experiments', experimentRequest(hypothesis.id, { baselineRate: 0.5 }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'baselineRate', reason: expect.stringMatching(/outside \(0, 1\)/) }]);
    });

    it.each([
      ['no control', { variants: [{ key: 'a', weight: 0.5 }, { key: 'b', weight: 0.5 }] }, 'variants', /exactly one control/],
      [
        'two controls',
        { variants: [{ key: 'a', weight: 0.5, control: true }, { key: 'b', weight: 0.5, control: true }] },
        'variants',
        /exactly one control/,
      ],
      [
        'weights not summing to 1',
        { variants: [{ key: 'a', weight: 0.5, control: true }, { key: 'b', weight: 0.4 }] },
        'variants',
        /sum to 1/,
      ],
      [
        'a zero weight',
        { variants: [{ key: 'a', weight: 1, control: true }, { key: 'b', weight: 0 }] },
        'variants[1].weight',
        /positive/,
      ],
      [
        'duplicate variant keys',
        { variants: [{ key: 'a', weight: 0.5, control: true }, { key: 'a', weight: 0.5 }] },
        'variants[1].key',
        /duplicates/,
      ],
      ['a single variant', { variants: [{ key: 'a', weight: 1, control: true }] }, 'variants', /at least 2/],
      ['coverage 0', { coverage: 0 }, 'coverage', /positive/],
      ['coverage above 1', { coverage: 1.5 }, 'coverage', /greater than 1/],
      ['baselineRate 1', { baselineRate: 1 }, 'baselineRate', /between 0 and 1/],
      ['baselineRate 0', { baselineRate: 0 }, 'baselineRate', /between 0 and 1/],
      ['a missing baselineRate', { baselineRate: undefined }, 'baselineRate', /./],
      ['an unknown method', { method: 'bandit' }, 'method', /sequential, fixed, msprt/],
      ['a forced variant that does not exist', { forcedVariants: { qa1: 'ghost' } }, 'forcedVariants.qa1', /variant keys/],
      ['a zero interval', { analysisIntervalMinutes: 0 }, 'analysisIntervalMinutes', /./],
      ['a hypothesisId that is not a uuid', { hypothesisId: 'h1' }, 'hypothesisId', /UUID/],
    ])('answers 400 naming the field for %s', async (_name, overrides, field, reason) => {
      const hypothesis = await createHypothesis(t.api);
      const body = { ...experimentRequest(hypothesis.id), ...overrides };
      const res = await t.api('POST', '/experiments', body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual({ field, reason: expect.stringMatching(reason) });
      expect((await t.api('GET', `/experiments/${body.key}`)).status).toBe(404);
    });

    it('accepts weights that sum to 1 within 1e-6', async () => {
      const thirds = [
        { key: 'a', weight: 0.333333, control: true },
        { key: 'b', weight: 0.333333 },
        { key: 'c', weight: 0.333334 },
      ];
      const hypothesis = await createHypothesis(t.api);
      expect((await t.api('POST', '/experiments', experimentRequest(hypothesis.id, { variants: thirds }))).status).toBe(201);
    });

    it('answers 404 for an unknown hypothesis or target cohort, 409 for a duplicate key', async () => {
      const missing = experimentRequest('00000000-0000-4000-8000-000000000000');
      expect((await t.api('POST', '/experiments', missing)).status).toBe(404);
      const hypothesis = await createHypothesis(t.api);
      const unknownCohort = experimentRequest(hypothesis.id, { targetCohortKeys: [uniqueKey('none')] });
      expect((await t.api('POST', '/experiments', unknownCohort)).status).toBe(404);
      const first = await createExperiment(t.api, { hypothesisId: hypothesis.id });
      const dup = await t.api('POST', '/experiments', experimentRequest(hypothesis.id, { key: first.key }));
      expect(dup.status).toBe(409);
    });
  });

  describe('GET /api/v1/experiments', () => {
    it('lists with filters and pagination; reads by key; 404 for an unknown key', async () => {
      const hypothesis = await createHypothesis(t.api);
      const a = await createExperiment(t.api, { hypothesisId: hypothesis.id });
      await createExperiment(t.api, { hypothesisId: hypothesis.id });
      const list = await t.api('GET', `/experiments?hypothesisId=${hypothesis.id}&limit=1`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 2, items: [expect.objectContaining({ hypothesisId: hypothesis.id })] });
      expect((await t.api('GET', `/experiments/${a.key}`)).body).toEqual(a);
      expect((await t.api('GET', `/experiments/${uniqueKey('none')}`)).status).toBe(404);
    });
  });

  describe('PATCH /api/v1/experiments/:key', () => {
    it('edits everything while draft and recomputes the plan', async () => {
      const experiment = await createExperiment(t.api);
      const res = await t.api('PATCH', `/experiments/${experiment.key}`, {
        variants: [
          { key: 'control', weight: 0.5, control: true },
          { key: 'b', weight: 0.25 },
          { key: 'c', weight: 0.25 },
        ],
        method: 'fixed',
        seed: 'other-seed',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ method: 'fixed', seed: 'other-seed', plannedSampleSize: 7884 });
      const edited = await t.api('PATCH', `/experiments/${experiment.key}`, { plannedSampleSize: 5000 });
      expect(edited.body.plannedSampleSize).toBe(5000);
    });

    it('freezes variants, weights, seed, method and plan while running (409), lets coverage only grow', async () => {
      const cohort = await createCohort(t.api);
      const experiment = await createRunningExperiment(t.api, { coverage: 0.5 });
      const frozen = [
        { variants: [{ key: 'control', weight: 0.6, control: true }, { key: 'treatment', weight: 0.4 }] },
        { seed: 'new-seed' },
        { method: 'msprt' },
        { alpha: 0.01 },
        { baselineRate: 0.3 },
        { plannedSampleSize: 10 },
        { coverage: 0.4 },
        { varianceReduction: { method: 'none' } },
        { varianceReduction: { method: 'cuped', lookbackDays: 7 } },
      ];
      for (const change of frozen) {
        const res = await t.api('PATCH', `/experiments/${experiment.key}`, change);
        expect({ change, status: res.status }).toEqual({ change, status: 409 });
      }
      const grown = await t.api('PATCH', `/experiments/${experiment.key}`, {
        coverage: 0.8,
        name: 'Renamed',
        targetCohortKeys: [cohort.key],
        forcedVariants: { 'qa-1': 'treatment' },
        seed: experiment.seed,
        varianceReduction: { method: 'cuped' },
      });
      expect({ status: grown.status, body: grown.status === 200 ? null : grown.body }).toEqual({ status: 200, body: null });
      expect(grown.body).toMatchObject({
        coverage: 0.8,
        name: 'Renamed',
        targetCohortKeys: [cohort.key],
        forcedVariants: { 'qa-1': 'treatment' },
        variants: experiment.variants,
        plannedSampleSize: experiment.plannedSampleSize,
      });
      await pauseExperiment(t.api, experiment.key);
      expect((await t.api('PATCH', `/experiments/${experiment.key}`, { coverage: 0.5 })).status).toBe(409);
      await stopExperiment(t.api, experiment.key);
      expect((await t.api('PATCH', `/experiments/${experiment.key}`, { coverage: 0.9 })).status).toBe(409);
      expect((await t.api('PATCH', `/experiments/${experiment.key}`, { name: 'Post-mortem' })).status).toBe(200);
    });
  });

  describe('varianceReduction (CUPED) and the plan', () => {
    const DAY = 24 * 3600 * 1000;

    it("estimates the expected reduction from the flow's own history and plans both ways", async () => {
      const hypothesis = await createHypothesis(t.api); // primary step: activated
      // 200 units active in the flow over the last 28 days: 40 reached `activated` in both
      // 14-day windows, 20 only in the earlier, 20 only in the later, 120 only visited.
      const now = Date.now();
      const events: Record<string, unknown>[] = [];
      for (let i = 0; i < 200; i++) {
        const unitId = `hist-${i}`;
        const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
        events.push({ id: `${hypothesis.id}-v${i}`, unitId, flowKey: hypothesis.flowKey, stepKey: 'visit', outcome: 'aligned', occurredAt: at(20) });
        if (i < 60) events.push({ id: `${hypothesis.id}-a${i}`, unitId, flowKey: hypothesis.flowKey, stepKey: 'activated', outcome: 'aligned', occurredAt: at(20) });
        if (i < 40 || (i >= 60 && i < 80)) {
          events.push({ id: `${hypothesis.id}-b${i}`, unitId, flowKey: hypothesis.flowKey, stepKey: 'activated', outcome: 'aligned', occurredAt: at(3) });
        }
      }
      const sent = await t.api('POST', '/events', { events });
      expect(sent.status).toBe(202);
      expect(sent.body.rejected).toEqual([]);
      // Reference (python3): A = [1]*40 + [1]*20 + [0]*20 + [0]*120; B = [1]*40 + [0]*20 + [1]*20 + [0]*120
      //   statistics.correlation(A, B)**2 = 0.2743764172335601;
      //   sequential plan without: 6812 (above); with: math.ceil(6510*1.0463114*(1-0.2743764172335601)) = 4943
      const res = await t.api('POST', '/experiments', experimentRequest(hypothesis.id));
      expect(res.status).toBe(201);
      expect(res.body.expectedVarianceReduction).toBeCloseTo(0.2743764172335601, 12);
      expect(res.body).toMatchObject({ plannedSampleSize: 4943, plannedSampleSizeWithout: 6812, varianceReduction: { method: 'cuped', lookbackDays: 14 } });

      // While draft: without CUPED the plan is the plan without; back on, with a 7-day lookback
      // only the later window's 3-days-ago events and nothing 7–14 days ago: no correlation left.
      const off = await t.api('PATCH', `/experiments/${res.body.key}`, { varianceReduction: { method: 'none' } });
      expect(off.body).toMatchObject({ expectedVarianceReduction: 0, plannedSampleSize: 6812, plannedSampleSizeWithout: 6812, varianceReduction: { method: 'none', lookbackDays: 14 } });
      const week = await t.api('PATCH', `/experiments/${res.body.key}`, { varianceReduction: { method: 'cuped', lookbackDays: 7 } });
      expect(week.body).toMatchObject({ expectedVarianceReduction: 0, plannedSampleSize: 6812, varianceReduction: { method: 'cuped', lookbackDays: 7 } });
    });

    it.each([
      [{ method: 'ml' }, 'varianceReduction.method'],
      [{ method: 'cuped', lookbackDays: 31 }, 'varianceReduction.lookbackDays'],
      [{ method: 'cuped', lookbackDays: 0 }, 'varianceReduction.lookbackDays'],
    ])('refuses varianceReduction %j with a 400 on the field', async (varianceReduction, field) => {
      const hypothesis = await createHypothesis(t.api);
      const res = await t.api('POST', '/experiments', { ...experimentRequest(hypothesis.id), varianceReduction });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('POST /api/v1/experiments/:key/start|pause|stop', () => {
    it('walks draft → running ⇄ paused → stopped, scheduling the analysis', async () => {
      const hypothesis = await createHypothesis(t.api);
      const experiment = await createExperiment(t.api, { hypothesisId: hypothesis.id, analysisIntervalMinutes: 30 });

      const started = await t.api('POST', `/experiments/${experiment.key}/start`);
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ status: 'running', startedAt: expect.any(String) });
      expect(await queue.scheduledExperimentIds()).toContain(experiment.id);
      expect((await queue.queue.getJobScheduler(schedulerId(experiment.id)))?.every).toBe(30 * 60_000);
      // A new interval while running re-registers the same scheduler (no duplicate).
      await t.api('PATCH', `/experiments/${experiment.key}`, { analysisIntervalMinutes: 15 });
      expect((await queue.queue.getJobScheduler(schedulerId(experiment.id)))?.every).toBe(15 * 60_000);
      expect((await queue.scheduledExperimentIds()).filter((id) => id === experiment.id)).toHaveLength(1);
      const h = await t.api('GET', `/hypotheses/${hypothesis.id}`);
      expect(h.body.status).toBe('running');
      expect(h.body.statusHistory.at(-1)).toMatchObject({
        from: 'draft',
        to: 'running',
        source: 'experiment',
        experimentKey: experiment.key,
      });

      const paused = await pauseExperiment(t.api, experiment.key);
      expect(paused.status).toBe('paused');
      expect(await queue.scheduledExperimentIds()).not.toContain(experiment.id);

      const resumed = await startExperiment(t.api, experiment.key);
      expect(resumed.status).toBe('running');
      expect(resumed.startedAt).toBe(started.body.startedAt);
      expect(await queue.scheduledExperimentIds()).toContain(experiment.id);

      const stopped = await t.api('POST', `/experiments/${experiment.key}/stop`, { reason: 'enough' });
      expect(stopped.status).toBe(200);
      expect(stopped.body).toMatchObject({ status: 'stopped', stoppedAt: expect.any(String) });
      expect(await queue.scheduledExperimentIds()).not.toContain(experiment.id);
      // One final analysis was queued for it.
      const jobs = await queue.queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
      expect(jobs.some((job) => job.data.experimentId === experiment.id && job.data.trigger === 'final')).toBe(true);
    });

    it('refuses forbidden transitions with 409', async () => {
      const experiment = await createExperiment(t.api);
      expect((await t.api('POST', `/experiments/${experiment.key}/pause`)).status).toBe(409);
      expect((await t.api('POST', `/experiments/${experiment.key}/stop`)).status).toBe(409);
      await startExperiment(t.api, experiment.key);
      expect((await t.api('POST', `/experiments/${experiment.key}/start`)).status).toBe(409);
      await stopExperiment(t.api, experiment.key);
      for (const action of ['start', 'pause', 'stop']) {
        expect((await t.api('POST', `/experiments/${experiment.key}/${action}`)).status).toBe(409);
      }
      expect((await t.api('POST', `/experiments/${uniqueKey('none')}/start`)).status).toBe(404);
    });

    it('runs at most one experiment per hypothesis (409), also when started concurrently', async () => {
      const hypothesis = await createHypothesis(t.api);
      const a = await createExperiment(t.api, { hypothesisId: hypothesis.id });
      const b = await createExperiment(t.api, { hypothesisId: hypothesis.id });
      const c = await createExperiment(t.api, { hypothesisId: hypothesis.id });
      const results = await Promise.all([a, b].map((e) => t.api('POST', `/experiments/${e.key}/start`)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results[0].status === 200 ? a : b;
      await pauseExperiment(t.api, winner.key);
      expect((await t.api('POST', `/experiments/${c.key}/start`)).status).toBe(409);
      await stopExperiment(t.api, winner.key);
      expect((await t.api('POST', `/experiments/${c.key}/start`)).status).toBe(200);
      const running = await t.api('GET', `/experiments?hypothesisId=${hypothesis.id}&status=running`);
      expect(running.body.total).toBe(1);
    });

    it('refuses to start an experiment of an older hypothesis version (409)', async () => {
      const hypothesis = await createHypothesis(t.api);
      const experiment = await createExperiment(t.api, { hypothesisId: hypothesis.id });
      await t.api('POST', `/hypotheses/${hypothesis.id}/versions`, { minimumEffect: 0.25 });
      const res = await t.api('POST', `/experiments/${experiment.key}/start`);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/version 1.*version 2/);
      expect((await t.api('GET', `/experiments/${experiment.key}`)).body.status).toBe('draft');
      const next = await createExperiment(t.api, { hypothesisId: hypothesis.id });
      expect(next.hypothesisVersion).toBe(2);
    });

    it('is refused to an sdk key (403)', async () => {
      const sdk = await t.api('POST', '/api-keys', { name: 'sdk', scope: 'sdk' });
      const experiment = await createExperiment(t.api);
      expect((await t.api('POST', `/experiments/${experiment.key}/start`, undefined, sdk.body.key)).status).toBe(403);
      expect((await t.api('GET', '/experiments', undefined, sdk.body.key)).status).toBe(403);
    });
  });
});
