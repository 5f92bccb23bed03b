import { assignVariant, hashUnitId, type Results } from '@verdict/shared';
import { DataSource } from 'typeorm';
import { STEP_METRICS_SETTINGS, stepMetricsStatement } from '../../server/src/analysis/step-metrics.query';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { mulberry32, runAnalysis, runningExperiment, sendEvents, sendExposures } from '../support/send';

// Composite and relative milestones end to end: generated data sent through the API, analysed
// by the real worker, and the counts compared with a count made here, in plain TypeScript, from
// what was sent.

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

const CATEGORIES = ['reports', 'alerts', 'dashboards', 'exports', 'integrations'] as const;
const COMPOSITE = { anyOf: [...CATEGORIES], atLeast: 3, withinDays: 7 };
const RELATIVE = { minEvents: 2, withinDays: 7, perAttribute: 'seats' };

function flowSteps() {
  return [
    { key: 'opened', name: 'Opened the workspace', kind: 'trigger' },
    ...CATEGORIES.map((key) => ({ key, name: `Used ${key}`, kind: 'step' })),
    { key: 'mature', name: 'Mature: 3 of 5 categories', kind: 'need_met', milestone: COMPOSITE },
    { key: 'seat_usage', name: '2 sessions per seat', kind: 'adoption', milestone: RELATIVE, terminal: true },
  ];
}

/** Seats as sent at assignment: usable numbers, and every kind of value that is left out. */
const SEATS: unknown[] = [1, 2, 3, 5, 2.5, 0, -2, '3', null, undefined, true, { n: 2 }];
const usableSeats = (value: unknown): value is number => typeof value === 'number' && value > 0;

interface Sent {
  unitId: string;
  stepKey: string;
  outcome: 'aligned' | 'deviated';
  occurredAt: number;
}
interface Unit {
  variantKey: string;
  assignedAt: number;
  seats: unknown;
}

/** The expected counts of the two milestone steps, per variant, from the sent data alone. */
function independentCounts(units: Map<string, Unit>, events: Sent[], asOf: number) {
  const zero = () => ({ units: 0, reached: 0, deviated: 0, excluded: 0 });
  const result = {
    mature: { control: zero(), treatment: zero() } as Record<string, ReturnType<typeof zero>>,
    seat_usage: { control: zero(), treatment: zero() } as Record<string, ReturnType<typeof zero>>,
  };
  const byUnit = new Map<string, Sent[]>();
  for (const event of events) byUnit.set(event.unitId, [...(byUnit.get(event.unitId) ?? []), event]);
  for (const [unitId, unit] of units) {
    const mine = byUnit.get(unitId) ?? [];
    const end = unit.assignedAt + 7 * DAY;
    if (end > asOf) continue; // the window is still open: in neither step's population
    const inWindow = (e: Sent) => e.outcome === 'aligned' && e.occurredAt >= unit.assignedAt && e.occurredAt < end;

    const mature = result.mature[unit.variantKey];
    mature.units++;
    const categories = new Set(mine.filter((e) => inWindow(e) && (CATEGORIES as readonly string[]).includes(e.stepKey)).map((e) => e.stepKey));
    if (categories.size >= COMPOSITE.atLeast) mature.reached++;

    const seats = result.seat_usage[unit.variantKey];
    if (!usableSeats(unit.seats)) {
      seats.excluded++;
      continue;
    }
    seats.units++;
    const sessions = mine.filter((e) => e.stepKey === 'seat_usage' && inWindow(e)).length;
    if (sessions >= RELATIVE.minEvents * unit.seats) seats.reached++;
    if (mine.some((e) => e.stepKey === 'seat_usage' && e.outcome === 'deviated' && e.occurredAt >= unit.assignedAt)) seats.deviated++;
  }
  return result;
}

describe('composite and relative milestones', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/v1/flows with milestones', () => {
    const post = (steps: unknown[]) => t.api('POST', '/flows', { key: uniqueKey('ms-flow'), name: 'Workspace', steps });

    it('stores and serves composite and relative milestones with only their own fields', async () => {
      const created = await post(flowSteps());
      expect(created.status).toBe(201);
      const fetched = await t.api('GET', `/flows/${created.body.key}`);
      expect(fetched.body.steps[6].milestone).toEqual(COMPOSITE);
      expect(fetched.body.steps[7].milestone).toEqual(RELATIVE);
      expect(fetched.body.steps[1].milestone).toBeNull();
    });

    it.each([
      [
        'atLeast above the number of steps in anyOf',
        { anyOf: ['reports', 'alerts'], atLeast: 3, withinDays: 7 },
        'steps[6].milestone.atLeast',
        /at most 2/,
      ],
      ['anyOf naming a missing step', { anyOf: ['reports', 'nowhere'], atLeast: 1, withinDays: 7 }, 'steps[6].milestone.anyOf[1]', /not a step/],
      ['anyOf naming a milestone step', { anyOf: ['reports', 'seat_usage'], atLeast: 1, withinDays: 7 }, 'steps[6].milestone.anyOf[1]', /milestone/],
      ['anyOf naming the step itself', { anyOf: ['reports', 'mature'], atLeast: 1, withinDays: 7 }, 'steps[6].milestone.anyOf[1]', /other steps/],
      ['anyOf without atLeast', { anyOf: ['reports'], withinDays: 7 }, 'steps[6].milestone.atLeast', /required/],
      ['atLeast without anyOf', { atLeast: 1, withinDays: 7 }, 'steps[6].milestone.anyOf', /required/],
      ['atLeast of 0', { anyOf: ['reports'], atLeast: 0, withinDays: 7 }, 'steps[6].milestone.atLeast', /not be less than 1/],
      ['anyOf mixed with minEvents', { anyOf: ['reports'], atLeast: 1, minEvents: 2, withinDays: 7 }, 'steps[6].milestone.minEvents', /composite/],
      ['perAttribute without minEvents', { perAttribute: 'seats', withinDays: 7 }, 'steps[6].milestone.minEvents', /perAttribute/],
      ['an empty perAttribute', { perAttribute: '', minEvents: 1, withinDays: 7 }, 'steps[6].milestone.perAttribute', /empty/],
    ])('refuses %s, naming the field', async (_what, milestone, field, reason) => {
      const steps = flowSteps();
      steps[6] = { ...steps[6], milestone: milestone as never };
      const res = await post(steps);
      expect(res.status).toBe(400);
      const problem = res.body.errors.find((e: { field: string }) => e.field === field);
      expect(problem).toBeDefined();
      expect(problem.reason).toMatch(reason);
    });

    it('refuses perAttribute on a step without a milestone', async () => {
      const steps: Record<string, unknown>[] = flowSteps();
      steps[7] = { key: 'seat_usage', name: 'Seats', kind: 'adoption', perAttribute: 'seats' };
      const res = await post(steps);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'steps[7].perAttribute' })]);
    });

    it('refuses the same on PATCH', async () => {
      const created = await post(flowSteps());
      const steps = flowSteps();
      steps[6] = { ...steps[6], milestone: { anyOf: ['reports'], atLeast: 2, withinDays: 7 } as never };
      const res = await t.api('PATCH', `/flows/${created.body.key}`, { steps });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'steps[6].milestone.atLeast' });
    });
  });

  describe('counted by the analysis', () => {
    let units: Map<string, Unit>;
    let events: Sent[];
    let results: Results;
    let flowKey: string;
    let experimentId: string;

    beforeAll(async () => {
      flowKey = uniqueKey('ms-flow');
      expect((await t.api('POST', '/flows', { key: flowKey, name: 'Workspace', steps: flowSteps() })).status).toBe(201);
      const hypothesis = await t.api('POST', '/hypotheses', {
        title: 'Guided tour of the categories',
        statement: 'We believe that a guided tour for new workspaces will increase maturity by at least 10 %.',
        metricArea: 'customer_engagement',
        flowKey,
        primaryStepKey: 'mature',
        expectedDirection: 'increase',
        minimumEffect: 0.1,
        guardrailStepKeys: ['seat_usage'],
        impact: 3,
        confidence: 3,
        ease: 3,
      });
      expect(hypothesis.status).toBe(201);
      const experimentKey = uniqueKey('ms-exp');
      const experiment = await t.api('POST', '/experiments', {
        key: experimentKey,
        name: 'Guided tour',
        hypothesisId: hypothesis.body.id,
        variants: [
          { key: 'control', weight: 0.5, control: true },
          { key: 'treatment', weight: 0.5 },
        ],
        seed: 'milestones-e2e',
        baselineRate: 0.3,
        plannedSampleSize: 500,
      });
      expect(experiment.status).toBe(201);
      experimentId = experiment.body.id;
      expect((await t.api('POST', `/experiments/${experimentKey}/start`)).status).toBe(200);
      const { experiment: config, salt } = await runningExperiment(t, experimentKey);

      const rand = mulberry32(14);
      const now = Date.now();
      units = new Map();
      const exposures: Record<string, unknown>[] = [];
      for (let i = 0; i < 600; i++) {
        const unitId = `ms-u${i}`;
        const evaluation = assignVariant(config, unitId, {}, hashUnitId(salt, unitId));
        if (!evaluation.inExperiment) continue;
        // Two of three assigned 10 days ago (their 7-day window has closed), the rest 3 days ago.
        const assignedAt = now - (i % 3 === 2 ? 3 * DAY : 10 * DAY) - Math.floor(rand() * HOUR);
        const seats = SEATS[i % SEATS.length];
        units.set(unitId, { variantKey: evaluation.variantKey!, assignedAt, seats });
        exposures.push({
          experimentKey,
          unitId,
          variantKey: evaluation.variantKey,
          assignedAt: new Date(assignedAt).toISOString(),
          attributes: seats === undefined ? { plan: 'team' } : { plan: 'team', seats },
        });
      }
      await sendExposures(t, exposures);

      events = [];
      const at = (unit: Unit, offset: number) => Math.min(unit.assignedAt + offset, now - HOUR);
      for (const [unitId, unit] of units) {
        const lift = unit.variantKey === 'treatment' ? 0.15 : 0;
        events.push({ unitId, stepKey: 'opened', outcome: 'aligned', occurredAt: at(unit, HOUR) });
        for (const stepKey of CATEGORIES) {
          const roll = rand();
          // In the window (the last hour of it, at the edge, too), just after it, or before assignment.
          if (roll < 0.45 + lift) events.push({ unitId, stepKey, outcome: 'aligned', occurredAt: at(unit, rand() < 0.2 ? 7 * DAY - HOUR : rand() * 6 * DAY) });
          else if (roll < 0.65) events.push({ unitId, stepKey, outcome: 'aligned', occurredAt: at(unit, 7 * DAY + rand() * DAY) });
          else if (roll < 0.8) events.push({ unitId, stepKey, outcome: 'aligned', occurredAt: unit.assignedAt - rand() * 5 * DAY });
          if (rand() < 0.1) events.push({ unitId, stepKey, outcome: 'deviated', occurredAt: at(unit, 2 * HOUR) });
        }
        // 0 to 11 sessions on the per-seat step, most in the window, some after it or before assignment.
        const sessions = Math.floor(rand() * 12);
        for (let k = 0; k < sessions; k++) {
          const where = rand();
          const offset = where < 0.75 ? rand() * 7 * DAY : where < 0.9 ? 7 * DAY + rand() * 2 * DAY : -rand() * 3 * DAY;
          events.push({ unitId, stepKey: 'seat_usage', outcome: 'aligned', occurredAt: offset < 0 ? unit.assignedAt + offset : at(unit, offset) });
        }
        if (rand() < 0.2) events.push({ unitId, stepKey: 'seat_usage', outcome: 'deviated', occurredAt: at(unit, DAY) });
      }
      await sendEvents(
        t,
        events.map((e, i) => ({
          id: `${experimentKey}-${i}`,
          unitId: e.unitId,
          flowKey,
          stepKey: e.stepKey,
          outcome: e.outcome,
          occurredAt: new Date(e.occurredAt).toISOString(),
        })),
      );

      await runAnalysis(t, experimentKey);
      results = (await t.api<Results>('GET', `/experiments/${experimentKey}/results`)).body;
    });

    const step = (key: string) => results.steps.find((s) => s.stepKey === key)!;

    it('counts the composite milestone as an independent count of the sent data does', () => {
      const expected = independentCounts(units, events, Date.parse(results.ranAt));
      for (const variant of step('mature').variants) {
        const { units: n, reached } = expected.mature[variant.variantKey];
        expect({ variant: variant.variantKey, units: variant.units, reached: variant.reached }).toEqual({ variant: variant.variantKey, units: n, reached });
      }
      // Not degenerate: some units matured and some did not, and only closed windows count.
      const mature = step('mature').variants;
      expect(mature.every((v) => v.reached > 0 && v.reached < v.units)).toBe(true);
      expect(mature[0].units).toBeLessThan(step('opened').variants[0].units);
      expect(step('mature').excluded).toBeUndefined();
    });

    it('counts the relative milestone per seat, leaving out units without a usable seat count and reporting them', () => {
      const expected = independentCounts(units, events, Date.parse(results.ranAt));
      const seatUsage = step('seat_usage');
      for (const variant of seatUsage.variants) {
        expect({ variant: variant.variantKey, units: variant.units, reached: variant.reached, deviated: variant.deviated, excluded: variant.excluded }).toEqual({
          variant: variant.variantKey,
          ...expected.seat_usage[variant.variantKey],
        });
        expect(variant.reached).toBeGreaterThan(0);
        expect(variant.reached).toBeLessThan(variant.units);
      }
      expect(seatUsage.excluded).toBe(seatUsage.variants.reduce((sum, v) => sum + v.excluded!, 0));
      expect(seatUsage.excluded).toBeGreaterThan(0);
    });

    it('compares the treatment on the composite milestone like any step', () => {
      const comparison = step('mature').comparisons[0];
      const [control, treatment] = step('mature').variants;
      expect(comparison.unadjusted?.absoluteLift ?? comparison.absoluteLift).toBeCloseTo(treatment.rate - control.rate, 12);
    });
    it("sums CUPED's covariate on both milestones as an independent count does (X: active in the 7 days before assignment)", async () => {
      const asOf = Date.now();
      const lookback = 7 * DAY;
      const rows: Record<string, string>[] = await t.app.get(DataSource).transaction(async (manager) => {
        await manager.query(STEP_METRICS_SETTINGS);
        const { sql, params } = stepMetricsStatement({
          experimentId,
          flowKey,
          steps: flowSteps().map((s) => ({ key: s.key, milestone: s.milestone ?? null })),
          asOf: new Date(asOf),
          lookbackDays: 7,
        });
        return manager.query(sql, params);
      });
      const expected = independentCounts(units, events, asOf);
      const sums: Record<string, Record<string, { sumX: number; sumXY: number }>> = {};
      for (const [unitId, unit] of units) {
        if (unit.assignedAt + 7 * DAY > asOf) continue;
        const mine = events.filter((e) => e.unitId === unitId && e.outcome === 'aligned');
        const before = (e: Sent) => e.occurredAt >= unit.assignedAt - lookback && e.occurredAt < unit.assignedAt;
        const inWindow = (e: Sent) => e.occurredAt >= unit.assignedAt && e.occurredAt < unit.assignedAt + 7 * DAY;
        const add = (step: string, x: boolean, y: boolean) => {
          const sum = ((sums[step] ??= {})[unit.variantKey] ??= { sumX: 0, sumXY: 0 });
          if (x) sum.sumX++;
          if (x && y) sum.sumXY++;
        };
        const categories = (when: (e: Sent) => boolean) =>
          new Set(mine.filter((e) => when(e) && (CATEGORIES as readonly string[]).includes(e.stepKey)).map((e) => e.stepKey)).size;
        add('mature', categories(before) >= COMPOSITE.atLeast, categories(inWindow) >= COMPOSITE.atLeast);
        if (usableSeats(unit.seats)) {
          const sessions = mine.filter((e) => e.stepKey === 'seat_usage');
          add('seat_usage', sessions.some(before), sessions.filter(inWindow).length >= RELATIVE.minEvents * unit.seats);
        }
      }
      let covariates = 0;
      for (const row of rows) {
        for (const [i, step] of [[6, 'mature'], [7, 'seat_usage']] as const) {
          const variant = row.variant_key;
          expect({ step, variant, units: Number(row[`units_${i}`]), reached: Number(row[`reached_${i}`]), sumX: Number(row[`sum_x_${i}`]), sumXY: Number(row[`sum_xy_${i}`]) }).toEqual({
            step,
            variant,
            units: expected[step][variant].units,
            reached: expected[step][variant].reached,
            sumX: sums[step]?.[variant]?.sumX ?? 0,
            sumXY: sums[step]?.[variant]?.sumXY ?? 0,
          });
          covariates += Number(row[`sum_x_${i}`]);
        }
      }
      expect(covariates).toBeGreaterThan(0);
    });
  });
});
