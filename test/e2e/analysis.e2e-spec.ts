import { assignVariant, hashUnitId, VerdictClient, type Results } from '@verdict/shared';
import { DataSource } from 'typeorm';
import { AnalysisQueueService } from '../../server/src/jobs/analysis-queue.service';
import { STEP_METRICS_SETTINGS, stepMetricsStatement } from '../../server/src/analysis/step-metrics.query';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { mulberry32, runAnalysis, runningExperiment, sendEvents, sendExposures, waitFor } from '../support/send';

// The analysis end to end: data sent through the API with known effects, analysed by the
// real worker on real PostgreSQL and Redis, and the hypothesis moved by the verdict.

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

type Rates = Record<'signup' | 'paid', number>;

interface Scenario {
  /** Units sent (split by bucketing). */
  units: number;
  plannedSampleSize: number;
  rates: { control: Rates; treatment: Rates };
  seed: number;
  forced?: Record<string, string>;
  /** Create the experiment but do not start it (nothing is sent). */
  draft?: boolean;
}

interface SentEvent {
  id: string;
  unitId: string;
  stepKey: string;
  outcome: 'aligned' | 'deviated';
  occurredAt: number;
}

interface Seeded {
  experimentKey: string;
  experimentId: string;
  hypothesisId: string;
  flowKey: string;
  assigned: Map<string, { variantKey: string; assignedAt: number; forced: boolean }>;
  events: SentEvent[];
}

const STEPS = ['visit', 'signup', 'activated', 'paid'] as const;
const MILESTONE = { minEvents: 3, withinDays: 7 };

async function seed(t: TestApp, scenario: Scenario): Promise<Seeded> {
  const flowKey = uniqueKey('an-flow');
  const flow = await t.api('POST', '/flows', {
    key: flowKey,
    name: 'Onboarding',
    steps: [
      { key: 'visit', name: 'Visit', kind: 'trigger' },
      { key: 'signup', name: 'Sign up', kind: 'step' },
      { key: 'activated', name: 'Activated', kind: 'need_met', milestone: MILESTONE },
      { key: 'paid', name: 'Paid', kind: 'business_outcome', terminal: true },
    ],
  });
  expect(flow.status).toBe(201);
  const hypothesis = await t.api('POST', '/hypotheses', {
    title: 'Shorter sign-up form',
    statement: 'We believe that a shorter form for new visitors will increase sign-ups by at least 10 %.',
    metricArea: 'customer_reach',
    flowKey,
    primaryStepKey: 'signup',
    expectedDirection: 'increase',
    minimumEffect: 0.1,
    guardrailStepKeys: ['paid'],
    impact: 4,
    confidence: 3,
    ease: 5,
  });
  expect(hypothesis.status).toBe(201);
  const experimentKey = uniqueKey('an-exp');
  const created = await t.api('POST', '/experiments', {
    key: experimentKey,
    name: 'Short form',
    hypothesisId: hypothesis.body.id,
    variants: [
      { key: 'control', weight: 0.5, control: true },
      { key: 'treatment', weight: 0.5 },
    ],
    // A fixed bucketing seed and fixed unit ids: every run sends exactly the same data, so
    // the verdicts below can never flip by chance.
    seed: `analysis-e2e-${scenario.seed}`,
    baselineRate: 0.2,
    plannedSampleSize: scenario.plannedSampleSize,
    forcedVariants: scenario.forced ?? {},
  });
  expect(created.status).toBe(201);
  const ids = { experimentKey, experimentId: created.body.id, hypothesisId: hypothesis.body.id, flowKey };
  if (scenario.draft) return { ...ids, assigned: new Map(), events: [] };
  expect((await t.api('POST', `/experiments/${experimentKey}/start`)).status).toBe(200);

  // The SDK config is cached for a second: wait until it shows the started experiment.
  const { experiment, salt: configSalt } = await runningExperiment(t, experimentKey);
  const rand = mulberry32(scenario.seed);
  const now = Date.now();
  const assigned: Seeded['assigned'] = new Map();
  const exposures: { experimentKey: string; unitId: string; variantKey: string; assignedAt: string }[] = [];
  const unitIds = Array.from({ length: scenario.units }, (_, i) => `s${scenario.seed}-u${i}`);
  unitIds.push(...Object.keys(scenario.forced ?? {}));
  for (const [i, unitId] of unitIds.entries()) {
    // As the SDK does: the config names forced units by their hash.
    const evaluation = assignVariant(experiment, unitId, {}, hashUnitId(configSalt, unitId));
    if (!evaluation.inExperiment) continue;
    // Half the units were assigned 10 days ago (their milestone window has closed), half 2 days ago.
    const assignedAt = now - (i % 2 === 0 ? 10 * DAY : 2 * DAY) - Math.floor(rand() * HOUR);
    assigned.set(unitId, {
      variantKey: evaluation.variantKey!,
      assignedAt,
      forced: evaluation.reason === 'forced',
    });
    exposures.push({ experimentKey, unitId, variantKey: evaluation.variantKey!, assignedAt: new Date(assignedAt).toISOString() });
  }
  await sendExposures(t, exposures);

  const events: SentEvent[] = [];
  let n = 0;
  const event = (unitId: string, stepKey: string, outcome: 'aligned' | 'deviated', occurredAt: number) => {
    const sent = { id: `${experimentKey}-e${n++}`, unitId, stepKey, outcome, occurredAt };
    events.push(sent);
    return sent;
  };
  let index = 0;
  for (const [unitId, unit] of assigned) {
    const rates = scenario.rates[unit.variantKey as 'control' | 'treatment'];
    // Pre-period behaviour for CUPED's covariate, at fixed offsets (no draws, so the data after
    // assignment stays what the seed gives): inside a 14-day lookback but not a 1-day one, and
    // outside both.
    if (index % 4 === 0) event(unitId, 'signup', 'aligned', unit.assignedAt - 3 * DAY);
    if (index % 7 === 0) event(unitId, 'visit', 'aligned', unit.assignedAt - 16 * DAY);
    if (index % 3 === 0) event(unitId, 'activated', 'aligned', unit.assignedAt - 2 * DAY);
    if (index % 5 === 0) event(unitId, 'paid', 'deviated', unit.assignedAt - 2 * HOUR);
    index++;
    event(unitId, 'visit', 'aligned', unit.assignedAt + HOUR);
    // Before the assignment: never counted.
    if (rand() < 0.3) event(unitId, 'signup', 'aligned', unit.assignedAt - HOUR);
    if (rand() < rates.signup) event(unitId, 'signup', 'aligned', unit.assignedAt + 2 * HOUR);
    if (rand() < 0.15) event(unitId, 'signup', 'deviated', unit.assignedAt + 3 * HOUR);
    // 0 to 4 aligned events on the milestone, inside its window; sometimes one more outside it.
    const inWindow = Math.floor(rand() * 5);
    for (let k = 0; k < inWindow; k++) event(unitId, 'activated', 'aligned', unit.assignedAt + (k + 1) * 6 * HOUR);
    if (rand() < 0.3 && unit.assignedAt + 8 * DAY < now) {
      event(unitId, 'activated', 'aligned', unit.assignedAt + 8 * DAY);
    }
    if (rand() < rates.paid) event(unitId, 'paid', 'aligned', unit.assignedAt + DAY);
    if (rand() < 0.05) event(unitId, 'paid', 'deviated', unit.assignedAt + DAY + HOUR);
  }
  const toRequest = (e: SentEvent) => ({
    id: e.id,
    unitId: e.unitId,
    flowKey,
    stepKey: e.stepKey,
    outcome: e.outcome,
    occurredAt: new Date(e.occurredAt).toISOString(),
  });
  await sendEvents(t, events.map(toRequest));
  // Every event of units with exactly two milestone events sent again: duplicates by id.
  const twice = events.filter(
    (e) => e.stepKey === 'activated' && events.filter((o) => o.unitId === e.unitId && o.stepKey === 'activated').length === 2,
  );
  for (let i = 0; i < twice.length; i += 1000) {
    const response = await t.api('POST', '/events', {
      events: twice.slice(i, i + 1000).map(toRequest),
    });
    expect(response.body.duplicates).toBe(Math.min(1000, twice.length - i));
  }

  return { ...ids, assigned, events };
}

/** The step metrics (docs/analysis.md) counted again, in plain TypeScript, from what the test sent. */
function expectedCounts(seeded: Seeded, asOf: number) {
  const result: Record<string, Record<string, { units: number; reached: number; deviated: number }>> = {};
  for (const step of STEPS) {
    result[step] = { control: { units: 0, reached: 0, deviated: 0 }, treatment: { units: 0, reached: 0, deviated: 0 } };
  }
  for (const [unitId, unit] of seeded.assigned) {
    if (unit.forced) continue;
    const mine = seeded.events.filter((e) => e.unitId === unitId && e.occurredAt >= unit.assignedAt);
    for (const step of STEPS) {
      const counts = result[step][unit.variantKey];
      const onStep = mine.filter((e) => e.stepKey === step);
      if (step === 'activated') {
        if (unit.assignedAt + MILESTONE.withinDays * DAY > asOf) continue;
        counts.units++;
        const inWindow = onStep.filter(
          (e) => e.outcome === 'aligned' && e.occurredAt < unit.assignedAt + MILESTONE.withinDays * DAY,
        );
        if (inWindow.length >= MILESTONE.minEvents) counts.reached++;
      } else {
        counts.units++;
        if (onStep.some((e) => e.outcome === 'aligned')) counts.reached++;
      }
      if (onStep.some((e) => e.outcome === 'deviated')) counts.deviated++;
    }
  }
  return result;
}

/** CUPED's per-variant sums ΣX, ΣXY counted again from what the test sent (X: an aligned event in [A − L, A)). */
function expectedCovariates(seeded: Seeded, asOf: number, lookbackDays: number) {
  const counts = expectedCounts(seeded, asOf);
  const result: Record<string, Record<string, { units: number; reached: number; sumX: number; sumXY: number }>> = {};
  for (const step of STEPS) {
    result[step] = {};
    for (const variant of ['control', 'treatment']) {
      result[step][variant] = { units: counts[step][variant].units, reached: counts[step][variant].reached, sumX: 0, sumXY: 0 };
    }
  }
  for (const [unitId, unit] of seeded.assigned) {
    if (unit.forced) continue;
    const mine = seeded.events.filter((e) => e.unitId === unitId && e.outcome === 'aligned');
    for (const step of STEPS) {
      const onStep = mine.filter((e) => e.stepKey === step);
      const x = onStep.some((e) => e.occurredAt >= unit.assignedAt - lookbackDays * DAY && e.occurredAt < unit.assignedAt);
      if (!x) continue;
      let y: boolean;
      if (step === 'activated') {
        if (unit.assignedAt + MILESTONE.withinDays * DAY > asOf) continue;
        y = onStep.filter((e) => e.occurredAt >= unit.assignedAt && e.occurredAt < unit.assignedAt + MILESTONE.withinDays * DAY).length >= MILESTONE.minEvents;
      } else {
        y = onStep.some((e) => e.occurredAt >= unit.assignedAt);
      }
      result[step][unit.variantKey].sumX++;
      if (y) result[step][unit.variantKey].sumXY++;
    }
  }
  return result;
}

/**
 * CUPED on a (non-milestone) step computed independently from what the test sent: per unit X
 * (an aligned event in the 14 days before assignment) and Y (one at or after it), then θ as the
 * pooled within-arm regression slope Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² and the adjusted lift
 * (ȳ_t − θ(x̄_t − x̄)) − (ȳ_c − θ(x̄_c − x̄)), from the unit lists.
 */
function independentCuped(seeded: Seeded, stepKey: string) {
  const lists: Record<string, { x: number[]; y: number[] }> = { control: { x: [], y: [] }, treatment: { x: [], y: [] } };
  for (const [unitId, unit] of seeded.assigned) {
    if (unit.forced) continue;
    const mine = seeded.events.filter((e) => e.unitId === unitId && e.stepKey === stepKey && e.outcome === 'aligned');
    lists[unit.variantKey].x.push(mine.some((e) => e.occurredAt >= unit.assignedAt - 14 * DAY && e.occurredAt < unit.assignedAt) ? 1 : 0);
    lists[unit.variantKey].y.push(mine.some((e) => e.occurredAt >= unit.assignedAt) ? 1 : 0);
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  let sxy = 0;
  let sxx = 0;
  for (const { x, y } of Object.values(lists)) {
    const [mx, my] = [mean(x), mean(y)];
    x.forEach((xi, i) => {
      sxy += (xi - mx) * (y[i] - my);
      sxx += (xi - mx) ** 2;
    });
  }
  const theta = sxx > 0 ? sxy / sxx : 0;
  const xAll = mean([...lists.control.x, ...lists.treatment.x]);
  const adjusted = (arm: { x: number[]; y: number[] }) => mean(arm.y) - theta * (mean(arm.x) - xAll);
  const controlMean = adjusted(lists.control);
  return { theta, absoluteLift: adjusted(lists.treatment) - controlMean, controlMean };
}

const step = (results: Results, key: string) => results.steps.find((s) => s.stepKey === key)!;

describe('analysis (POST /api/v1/experiments/:key/analyses and the worker)', () => {
  let t: TestApp;
  let queue: AnalysisQueueService;
  beforeAll(async () => {
    t = await startTestApp();
    queue = t.app.get(AnalysisQueueService);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('a strong lift in the expected direction', () => {
    let seeded: Seeded;
    let analysisId: string;
    let results: Results;
    beforeAll(async () => {
      seeded = await seed(t, {
        units: 800,
        plannedSampleSize: 300,
        rates: { control: { signup: 0.2, paid: 0.4 }, treatment: { signup: 0.45, paid: 0.4 } },
        seed: 1,
        forced: { 'qa-forced-1': 'treatment', 'qa-forced-2': 'control' },
      });
      expect(await queue.scheduledExperimentIds()).toContain(seeded.experimentId);
      analysisId = await runAnalysis(t, seeded.experimentKey);
      const response = await t.api<Results>('GET', `/experiments/${seeded.experimentKey}/results`);
      expect(response.status).toBe(200);
      results = response.body;
    });

    it('counts exactly what an independent count of the sent data gives (forced units, events before assignment and duplicates left out)', () => {
      expect(results.analysisId).toBe(analysisId);
      const expected = expectedCounts(seeded, Date.parse(results.ranAt));
      for (const key of STEPS) {
        for (const variant of step(results, key).variants) {
          expect({ step: key, variant: variant.variantKey, units: variant.units, reached: variant.reached, deviated: variant.deviated }).toEqual({
            step: key,
            variant: variant.variantKey,
            ...expected[key][variant.variantKey],
          });
        }
      }
      const nonForced = [...seeded.assigned.values()].filter((unit) => !unit.forced);
      expect(results.progress.unitsPerVariant.control + results.progress.unitsPerVariant.treatment).toBe(nonForced.length);
      // The milestone only counts units whose 7-day window has closed: about half of them.
      const activated = step(results, 'activated').variants[0];
      expect(activated.units).toBeLessThan(step(results, 'visit').variants[0].units);
    });

    it.each([1, 14])('sums the pre-period covariate per variant and step in the same statement (lookback %i days)', async (lookbackDays) => {
      const asOf = Date.now();
      const db = t.app.get(DataSource);
      const rows: Record<string, string>[] = await db.transaction(async (manager) => {
        await manager.query(STEP_METRICS_SETTINGS);
        const { sql, params } = stepMetricsStatement({
          experimentId: seeded.experimentId,
          flowKey: seeded.flowKey,
          steps: STEPS.map((key) => ({ key, milestone: key === 'activated' ? MILESTONE : null })),
          asOf: new Date(asOf),
          lookbackDays,
        });
        return manager.query(sql, params);
      });
      const expected = expectedCovariates(seeded, asOf, lookbackDays);
      let covariates = 0;
      for (const row of rows) {
        STEPS.forEach((key, i) => {
          const actual = { units: Number(row[`units_${i}`]), reached: Number(row[`reached_${i}`]), sumX: Number(row[`sum_x_${i}`]), sumXY: Number(row[`sum_xy_${i}`]) };
          expect({ step: key, variant: row.variant_key, ...actual }).toEqual({ step: key, variant: row.variant_key, ...expected[key][row.variant_key] });
          covariates += actual.sumX;
        });
      }
      expect(rows).toHaveLength(2);
      expect(covariates).toBeGreaterThan(0);
    });

    it('reports rates, step-through rates and every comparison', () => {
      const signup = step(results, 'signup');
      const [control, treatment] = signup.variants;
      expect(control.rate).toBeCloseTo(control.reached / control.units, 12);
      expect(treatment.deviationRate).toBeCloseTo(treatment.deviated / treatment.units, 12);
      const visit = step(results, 'visit').variants[1];
      expect(treatment.stepThroughRate).toBeCloseTo(treatment.reached / visit.reached, 12);
      expect(step(results, 'visit').variants[0].stepThroughRate).toBeNull();

      const comparison = signup.comparisons[0];
      expect(comparison.variantKey).toBe('treatment');
      // CUPED is on by default: the plain lift is kept beside the adjusted one.
      expect(comparison.unadjusted!.absoluteLift).toBeCloseTo(treatment.rate - control.rate, 12);
      const cuped = independentCuped(seeded, 'signup');
      expect(comparison.cuped!.theta).toBeCloseTo(cuped.theta, 12);
      expect(comparison.absoluteLift).toBeCloseTo(cuped.absoluteLift, 12);
      expect(comparison.relativeLift).toBeCloseTo(cuped.absoluteLift / cuped.controlMean, 12);
      expect(comparison.cuped!.varianceReduction).toBeGreaterThanOrEqual(0);
      expect(comparison.ciAbsolute[0]).toBeLessThan(comparison.absoluteLift);
      // One treatment: Holm changes nothing.
      expect(comparison.adjustedPValue).toBeCloseTo(comparison.pValue, 12);
      expect(comparison.sequential).toMatchObject({ look: 1, informationFraction: 1 });
      // One look at t = 1 with O'Brien-Fleming spending is the fixed-horizon bound z_{0.975}.
      expect(comparison.sequential!.upperBound).toBeCloseTo(1.959964, 4);
      expect(comparison.chanceToBeatControl).toBeGreaterThan(0.99);
      expect(comparison.significant).toBe(true);
      expect(results.srm.flagged).toBe(false);
      expect(results.trigger).toBe('manual');
      expect(results.progress.fraction).toBe(1);
    });

    it('validates the hypothesis, records why, and ends the schedule', async () => {
      expect(results.verdict).toMatchObject({ status: 'validated', variantKey: 'treatment', final: true });
      expect(results.verdict.reason).toMatch(/Adjusted with CUPED for behaviour before assignment \(\u2212\d+(\.\d+)?% variance on the primary step\)\.$/);
      const hypothesis = await t.api('GET', `/hypotheses/${seeded.hypothesisId}`);
      expect(hypothesis.body.status).toBe('validated');
      const change = hypothesis.body.statusHistory.find((c: any) => c.to === 'validated');
      expect(change).toMatchObject({ source: 'analysis', analysisId, experimentKey: seeded.experimentKey });
      expect(await queue.scheduledExperimentIds()).not.toContain(seeded.experimentId);
    });

    it("shows the primary step's latest lift on the hypothesis and in the board's list", async () => {
      const hypothesis = (await t.api('GET', `/hypotheses/${seeded.hypothesisId}`)).body;
      const primary = step(results, hypothesis.primaryStepKey).comparisons[0];
      const expected = {
        experimentKey: seeded.experimentKey,
        variantKey: 'treatment',
        relativeLift: primary.relativeLift,
        ciRelative: primary.ciRelative,
        progress: results.progress.fraction,
      };
      expect(hypothesis.latestResult).toEqual(expected);
      const list = await t.api('GET', `/hypotheses?flowKey=${hypothesis.flowKey}`);
      const listed = list.body.items.find((item: any) => item.id === seeded.hypothesisId);
      expect(listed.latestResult).toEqual(expected);
    });

    it('records later runs as post-decision without changing the verdict', async () => {
      const second = await runAnalysis(t, seeded.experimentKey);
      const latest = (await t.api<Results>('GET', `/experiments/${seeded.experimentKey}/results`)).body;
      expect(latest.analysisId).toBe(second);
      expect(latest.postDecision).toBe(true);
      expect(latest.verdict.status).toBe('validated');
      const history = await t.api('GET', `/experiments/${seeded.experimentKey}/analyses?limit=1`);
      expect(history.body.total).toBe(2);
      expect(history.body.items).toHaveLength(1);
      expect(history.body.items[0]).toMatchObject({ id: second, status: 'succeeded', trigger: 'manual' });
      const hypothesis = await t.api('GET', `/hypotheses/${seeded.hypothesisId}`);
      expect(hypothesis.body.statusHistory.filter((c: any) => c.source === 'analysis')).toHaveLength(1);
    });
  });

  it('refutes when the primary step moves against the expected direction', async () => {
    const seeded = await seed(t, {
      units: 800,
      plannedSampleSize: 300,
      rates: { control: { signup: 0.3, paid: 0.4 }, treatment: { signup: 0.1, paid: 0.4 } },
      seed: 2,
    });
    await runAnalysis(t, seeded.experimentKey);
    const results = (await t.api<Results>('GET', `/experiments/${seeded.experimentKey}/results`)).body;
    expect(results.verdict).toMatchObject({ status: 'refuted', final: true });
    expect((await t.api('GET', `/hypotheses/${seeded.hypothesisId}`)).body.status).toBe('refuted');
  });

  it('refutes when the treatment harms a guardrail, even with a lift on the primary step', async () => {
    const seeded = await seed(t, {
      units: 800,
      plannedSampleSize: 300,
      rates: { control: { signup: 0.2, paid: 0.5 }, treatment: { signup: 0.45, paid: 0.15 } },
      seed: 3,
    });
    await runAnalysis(t, seeded.experimentKey);
    const results = (await t.api<Results>('GET', `/experiments/${seeded.experimentKey}/results`)).body;
    expect(step(results, 'paid').comparisons[0].significant).toBe(true);
    expect(results.verdict).toMatchObject({ status: 'refuted', final: true });
    expect(results.verdict.reason).toMatch(/paid/);
    expect((await t.api('GET', `/hypotheses/${seeded.hypothesisId}`)).body.status).toBe('refuted');
  });

  describe('no effect, early', () => {
    let seeded: Seeded;
    beforeAll(async () => {
      seeded = await seed(t, {
        units: 300,
        plannedSampleSize: 5000,
        rates: { control: { signup: 0.2, paid: 0.3 }, treatment: { signup: 0.2, paid: 0.3 } },
        seed: 4,
      });
    });

    it('keeps running, with progress and an expected date, and keeps the schedule', async () => {
      await runAnalysis(t, seeded.experimentKey);
      const results = (await t.api<Results>('GET', `/experiments/${seeded.experimentKey}/results`)).body;
      expect(results.verdict).toMatchObject({ status: 'running', final: false });
      expect(results.progress.fraction).toBeGreaterThan(0);
      expect(results.progress.fraction).toBeLessThan(0.1);
      expect(Date.parse(results.progress.expectedDate!)).toBeGreaterThan(Date.now());
      expect(step(results, 'signup').comparisons[0].sequential!.upperBound).toBeGreaterThan(5);
      expect((await t.api('GET', `/hypotheses/${seeded.hypothesisId}`)).body.status).toBe('running');
      expect(await queue.scheduledExperimentIds()).toContain(seeded.experimentId);
    });

    it('a second look without new data adds no look', async () => {
      await runAnalysis(t, seeded.experimentKey);
      const results = (await t.api<Results>('GET', `/experiments/${seeded.experimentKey}/results`)).body;
      expect(step(results, 'signup').comparisons[0].sequential!.look).toBe(1);
    });

    it('becomes inconclusive when a person stops it, through the final analysis', async () => {
      expect((await t.api('POST', `/experiments/${seeded.experimentKey}/stop`, {})).status).toBe(200);
      const final = await waitFor(async () => {
        const history = await t.api('GET', `/experiments/${seeded.experimentKey}/analyses`);
        return history.body.items.find((item: any) => item.trigger === 'final');
      });
      expect(final.status).toBe('succeeded');
      expect(final.verdict).toMatchObject({ status: 'inconclusive', final: true });
      expect((await t.api('GET', `/hypotheses/${seeded.hypothesisId}`)).body.status).toBe('inconclusive');
      expect(await queue.scheduledExperimentIds()).not.toContain(seeded.experimentId);
    });
  });

  it('runs on its schedule by itself', async () => {
    const seeded = await seed(t, {
      units: 100,
      plannedSampleSize: 5000,
      rates: { control: { signup: 0.2, paid: 0.3 }, treatment: { signup: 0.2, paid: 0.3 } },
      seed: 5,
    });
    // The contract keeps whole minutes; the test shortens the interval to half a second.
    await queue.schedule(seeded.experimentId, 1, 500);
    const scheduled = await waitFor(async () => {
      const history = await t.api('GET', `/experiments/${seeded.experimentKey}/analyses`);
      return history.body.items.find((item: any) => item.trigger === 'scheduled' && item.status === 'succeeded');
    });
    expect(scheduled.verdict.status).toBe('running');
    await queue.unschedule(seeded.experimentId);
  });

  it('moves the hypothesis by itself while a new user only starts an experiment and sends events with the SDK', async () => {
    const flowKey = uniqueKey('an-sdk-flow');
    expect(
      (
        await t.api('POST', '/flows', {
          key: flowKey,
          name: 'Trial',
          steps: [
            { key: 'landing', name: 'Landing', kind: 'trigger' },
            { key: 'trial', name: 'Started a trial', kind: 'need_met', terminal: true },
          ],
        })
      ).status,
    ).toBe(201);
    const hypothesis = await t.api('POST', '/hypotheses', {
      title: 'Social proof on the landing page',
      statement: 'We believe that customer logos on the landing page will increase trials by at least 10 %.',
      metricArea: 'customer_reach',
      flowKey,
      primaryStepKey: 'trial',
      expectedDirection: 'increase',
      minimumEffect: 0.1,
      impact: 3,
      confidence: 4,
      ease: 5,
    });
    const experimentKey = uniqueKey('an-sdk-exp');
    const experiment = await t.api('POST', '/experiments', {
      key: experimentKey,
      name: 'Logos',
      hypothesisId: hypothesis.body.id,
      variants: [
        { key: 'control', weight: 0.5, control: true },
        { key: 'logos', weight: 0.5 },
      ],
      seed: 'analysis-e2e-sdk',
      baselineRate: 0.1,
      plannedSampleSize: 150,
    });
    expect(experiment.status).toBe(201);
    expect((await t.api('POST', `/experiments/${experimentKey}/start`)).status).toBe(200);
    // Analyses every half second instead of every hour: the only test-only shortcut.
    await queue.schedule(experiment.body.id, 1, 500);

    const key = await t.api('POST', '/api-keys', { name: 'web shop', scope: 'sdk' });
    const client = new VerdictClient({ baseUrl: t.baseUrl, apiKey: key.body.key, flushIntervalMs: 100 });
    const rand = mulberry32(9);
    for (let i = 0; i < 400; i++) {
      const unitId = `visitor-${i}`;
      const assignment = await client.assign(experimentKey, unitId);
      expect(assignment.inExperiment).toBe(true);
      client.track({ unitId, flowKey, stepKey: 'landing', outcome: 'aligned' });
      if (rand() < (assignment.variantKey === 'logos' ? 0.6 : 0.1)) {
        client.track({ unitId, flowKey, stepKey: 'trial', outcome: 'aligned' });
      }
    }
    await client.close();

    const validated = await waitFor(async () => {
      const current = await t.api('GET', `/hypotheses/${hypothesis.body.id}`);
      return current.body.status === 'validated' && current.body;
    });
    const change = validated.statusHistory.find((c: any) => c.to === 'validated');
    expect(change).toMatchObject({ source: 'analysis', experimentKey });
    const results = (await t.api<Results>('GET', `/experiments/${experimentKey}/results`)).body;
    expect(results).toMatchObject({ analysisId: change.analysisId, trigger: 'scheduled' });
    expect(results.verdict).toMatchObject({ status: 'validated', variantKey: 'logos' });
    expect(await queue.scheduledExperimentIds()).not.toContain(experiment.body.id);
  });

  it('answers 404 for unknown experiments and jobs, 409 for a draft, and 404 for results before the first analysis', async () => {
    expect((await t.api('POST', '/experiments/nope-missing/analyses')).status).toBe(404);
    expect((await t.api('GET', '/experiments/nope-missing/results')).status).toBe(404);
    expect((await t.api('GET', '/analysis-jobs/not-a-job')).status).toBe(404);
    const draft = await seed(t, {
      units: 0,
      plannedSampleSize: 5000,
      rates: { control: { signup: 0.2, paid: 0.3 }, treatment: { signup: 0.2, paid: 0.3 } },
      seed: 6,
      draft: true,
    });
    expect((await t.api('POST', `/experiments/${draft.experimentKey}/analyses`)).status).toBe(409);
    expect((await t.api('GET', `/experiments/${draft.experimentKey}/results`)).status).toBe(404);
    expect(await t.api('GET', `/experiments/${draft.experimentKey}/analyses`)).toMatchObject({
      status: 200,
      body: { items: [], total: 0 },
    });
    const bad = await t.api('GET', `/experiments/${draft.experimentKey}/analyses?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('limit');
  });
});
