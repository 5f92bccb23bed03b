import type { FlowInsights, JourneyHealth } from '@verdict/shared';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { createCohort, createFlow } from '../support/factories';
import { mulberry32 } from '../support/send';

// Journeys on generated data: the insights' counts, rates and relative-risk intervals against
// an independent count of the generated units, and journey health against exact binomial
// p-values computed in python3 (source beside each value).

const DAY = 24 * 3600 * 1000;
// python3 -c "from statistics import NormalDist; print(repr(NormalDist().inv_cdf(0.975)))"
const Z975 = 1.959963984540054;

interface GeneratedEvent {
  unitId: string;
  stepKey: string;
  outcome: 'aligned' | 'deviated';
  at: Date;
}

async function insertEvents(t: TestApp, flowKey: string, events: GeneratedEvent[]): Promise<void> {
  // Straight into the table: the API refuses events older than 30 days, and these span months.
  await t.dataSource.query(
    `INSERT INTO step_events (id, unit_id, flow_key, step_key, outcome, occurred_at)
     SELECT gen_random_uuid()::text, u, $1, s, o, a FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS t(u, s, o, a)`,
    [flowKey, events.map((e) => e.unitId), events.map((e) => e.stepKey), events.map((e) => e.outcome), events.map((e) => e.at)],
  );
}

const JOURNEY_STEPS = [
  { key: 'visit', name: 'Visited', kind: 'trigger' as const },
  { key: 'signup', name: 'Signed up', kind: 'step' as const },
  { key: 'referred', name: 'Referred a colleague', kind: 'step' as const },
  { key: 'activated', name: 'Activated', kind: 'need_met' as const },
  { key: 'returned', name: 'Came back', kind: 'adoption' as const, terminal: true },
];

describe('GET /api/v1/flows/:key/insights', () => {
  let t: TestApp;
  let flowKey: string;
  let adminsKey: string;
  const now = Date.now();
  /** Per unit: its role and the steps it reached in the last 90 days (null: not in the population). */
  const truth: { unitId: string; role: string; reached: Set<string> | null }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
    flowKey = (await createFlow(t.api, { steps: JOURNEY_STEPS })).key;
    adminsKey = (await createCohort(t.api, { rules: [{ attribute: 'role', op: 'eq', value: 'admin' }] })).key;

    const random = mulberry32(14);
    const events: GeneratedEvent[] = [];
    const units: { unitId: string; attributes: Record<string, unknown> }[] = [];
    const inWindow = () => new Date(now - (1 + random() * 85) * DAY);
    const tooOld = () => new Date(now - (95 + random() * 30) * DAY);
    for (let i = 0; i < 800; i++) {
      const unitId = `${flowKey}-u${i}`;
      const role = random() < 0.4 ? 'admin' : 'end_user';
      units.push({ unitId, attributes: { role } });
      const kind = random();
      if (kind < 0.1) {
        // Active only before the window: outside the population.
        events.push({ unitId, stepKey: 'visit', outcome: 'aligned', at: tooOld() });
        events.push({ unitId, stepKey: 'returned', outcome: 'aligned', at: tooOld() });
        truth.push({ unitId, role, reached: null });
        continue;
      }
      const reached = new Set<string>();
      if (kind < 0.18) {
        // Only a deviation in the window: in the population, reached nothing.
        events.push({ unitId, stepKey: 'signup', outcome: 'deviated', at: inWindow() });
      } else {
        if (random() < 0.9) reached.add('visit');
        if (random() < 0.6) reached.add('signup');
        if (random() < (reached.has('signup') ? 0.55 : 0.2)) reached.add('activated');
        const returns = (reached.has('activated') ? 0.55 : 0.15) + (role === 'admin' ? 0.15 : 0);
        if (random() < returns) reached.add('returned');
        for (const stepKey of reached) {
          events.push({ unitId, stepKey, outcome: 'aligned', at: inWindow() });
          // Repeat events count once.
          if (random() < 0.2) events.push({ unitId, stepKey, outcome: 'aligned', at: inWindow() });
        }
        // A return long ago is not a return in the window.
        if (!reached.has('returned') && random() < 0.1) events.push({ unitId, stepKey: 'returned', outcome: 'aligned', at: tooOld() });
      }
      // A unit with no event in the window is not in the population.
      truth.push({ unitId, role, reached: reached.size > 0 || kind < 0.18 ? reached : null });
    }
    await insertEvents(t, flowKey, events);
    for (let i = 0; i < units.length; i += 500) {
      expect((await t.api('POST', '/units', { units: units.slice(i, i + 500) })).status).toBe(202);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  /** The expected answer, counted from the generated units with the relative risk written out here. */
  function expected(role: string | null) {
    const population = truth.filter((u) => u.reached !== null && (role === null || u.role === role)).map((u) => u.reached!);
    const outcome = (r: Set<string>) => r.has('returned');
    return {
      units: population.length,
      steps: JOURNEY_STEPS.map(({ key }) => {
        const reached = population.filter((r) => r.has(key));
        const others = population.filter((r) => !r.has(key));
        const a = reached.filter(outcome).length;
        const b = reached.length - a;
        const c = others.filter(outcome).length;
        const d = others.length - c;
        const rr = a && b && c && d && key !== 'returned' ? a / (a + b) / (c / (c + d)) : null;
        const se = Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
        return {
          stepKey: key,
          reached: reached.length,
          shareReached: reached.length / population.length,
          outcomeRateReached: reached.length ? a / reached.length : null,
          outcomeRateNotReached: others.length ? c / others.length : null,
          relativeRisk: rr,
          ci: rr === null ? null : [Math.exp(Math.log(rr) - Z975 * se), Math.exp(Math.log(rr) + Z975 * se)],
        };
      }),
    };
  }

  function expectClose(actual: FlowInsights, wanted: ReturnType<typeof expected>) {
    expect(actual.units).toBe(wanted.units);
    actual.steps.forEach((step, i) => {
      const want = wanted.steps[i];
      expect(step.stepKey).toBe(want.stepKey);
      expect(step.reached).toBe(want.reached);
      expect(step.shareReached).toBeCloseTo(want.shareReached, 12);
      for (const field of ['outcomeRateReached', 'outcomeRateNotReached', 'relativeRisk'] as const) {
        if (want[field] === null) expect(step[field]).toBeNull();
        else expect(step[field]).toBeCloseTo(want[field]!, 10);
      }
      if (want.ci === null) expect(step.ci).toBeNull();
      else {
        expect(step.ci![0]).toBeCloseTo(want.ci[0], 10);
        expect(step.ci![1]).toBeCloseTo(want.ci[1], 10);
      }
    });
  }

  it('equals an independent count of the generated units', async () => {
    const response = await t.api<FlowInsights>('GET', `/flows/${flowKey}/insights?outcome=returned&days=90`);
    expect(response.status).toBe(200);
    expect(response.body.outcome).toBe('returned');
    expect(response.body.days).toBe(90);
    const wanted = expected(null);
    expectClose(response.body, wanted);
    // The data is built so that activation goes with returning, and nobody referred anyone.
    const activated = response.body.steps.find((s) => s.stepKey === 'activated')!;
    expect(activated.relativeRisk!).toBeGreaterThan(1.5);
    expect(activated.ci![0]).toBeGreaterThan(1);
    const referred = response.body.steps.find((s) => s.stepKey === 'referred')!;
    expect(referred).toMatchObject({ reached: 0, outcomeRateReached: null, relativeRisk: null, ci: null });
    const outcome = response.body.steps.find((s) => s.stepKey === 'returned')!;
    expect(outcome).toMatchObject({ outcomeRateReached: 1, outcomeRateNotReached: 0, relativeRisk: null, ci: null });
  });

  it('counts only a cohort by current attributes', async () => {
    const response = await t.api<FlowInsights>('GET', `/flows/${flowKey}/insights?outcome=returned&cohort=${adminsKey}`);
    expect(response.status).toBe(200);
    expect(response.body.cohort).toBe(adminsKey);
    const wanted = expected('admin');
    expect(wanted.units).toBeGreaterThan(100);
    expectClose(response.body, wanted);
  });

  it('names bad input', async () => {
    const unknownStep = await t.api('GET', `/flows/${flowKey}/insights?outcome=nope`);
    expect(unknownStep.status).toBe(400);
    expect(unknownStep.body.errors.map((e: { field: string }) => e.field)).toEqual(['outcome']);
    const unknownCohort = await t.api('GET', `/flows/${flowKey}/insights?outcome=returned&cohort=${uniqueKey('none')}`);
    expect(unknownCohort.body.errors.map((e: { field: string }) => e.field)).toEqual(['cohort']);
    for (const days of ['0', '366', '2.5', 'x']) {
      const bad = await t.api('GET', `/flows/${flowKey}/insights?outcome=returned&days=${days}`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('days');
    }
    expect((await t.api('GET', `/flows/${flowKey}/insights`)).status).toBe(400);
    expect((await t.api('GET', `/flows/${uniqueKey('none')}/insights?outcome=returned`)).status).toBe(404);
  });
});

describe('journey health', () => {
  let t: TestApp;
  let flowKey: string;
  let admins: string;
  let endUsers: string;
  const now = new Date();
  let viewerKey: string;

  beforeAll(async () => {
    t = await startTestApp({ VERDICT_RUN_WORKER: 'true' });
    flowKey = (await createFlow(t.api, { steps: JOURNEY_STEPS })).key;
    admins = (await createCohort(t.api, { rules: [{ attribute: 'role', op: 'eq', value: 'admin' }] })).key;
    endUsers = (await createCohort(t.api, { rules: [{ attribute: 'role', op: 'eq', value: 'end_user' }] })).key;
    viewerKey = (await t.api('POST', '/api-keys', { name: uniqueKey('viewer'), scope: 'viewer' })).body.key;
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses bad expectations, naming the field', async () => {
    const put = (expectations: unknown[]) => t.api('PUT', `/flows/${flowKey}/expectations`, { expectations });
    const good = { cohortKey: admins, stepKey: 'returned', expectedRate: 0.6, windowDays: 7 };
    const cases: [Record<string, unknown>, string][] = [
      [{ expectedRate: 0 }, 'expectations[0].expectedRate'],
      [{ expectedRate: 1 }, 'expectations[0].expectedRate'],
      [{ expectedRate: 1.5 }, 'expectations[0].expectedRate'],
      [{ windowDays: 0 }, 'expectations[0].windowDays'],
      [{ windowDays: 91 }, 'expectations[0].windowDays'],
      [{ windowDays: 2.5 }, 'expectations[0].windowDays'],
      [{ cohortKey: 'nobody-here' }, 'expectations[0].cohortKey'],
      [{ stepKey: 'nowhere' }, 'expectations[0].stepKey'],
    ];
    for (const [change, field] of cases) {
      const response = await put([{ ...good, ...change }]);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const twice = await put([good, good]);
    expect(twice.body.errors).toEqual([{ field: 'expectations[1]', reason: 'repeats the cohort and step of an earlier expectation' }]);
    expect((await t.api('PUT', `/flows/${flowKey}/expectations`, { expectations: [good] }, viewerKey)).status).toBe(403);
    expect((await t.api('PUT', `/flows/${uniqueKey('none')}/expectations`, { expectations: [good] })).status).toBe(404);
    // Nothing was stored by any of these.
    expect((await t.api('GET', `/flows/${flowKey}/expectations`)).body.expectations).toEqual([]);
  });

  it('escalates the cohort below its expectation only, and recovers when its rate returns', async () => {
    const expectations = [
      { cohortKey: admins, stepKey: 'returned', expectedRate: 0.6, windowDays: 7 },
      { cohortKey: endUsers, stepKey: 'signup', expectedRate: 0.3, windowDays: 14 },
    ];
    const put = await t.api('PUT', `/flows/${flowKey}/expectations`, { expectations });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ flowKey, expectations });

    // Admins: 100 windows started 10 days ago (inside [now − 14, now − 7]); 40 came back within 7 days.
    // End users: 80 windows started 20 days ago (inside [now − 28, now − 14]); 28 signed up within 14 days.
    const events: GeneratedEvent[] = [];
    const units: { unitId: string; attributes: Record<string, unknown> }[] = [];
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    for (let i = 0; i < 100; i++) {
      const unitId = `${flowKey}-admin-${i}`;
      units.push({ unitId, attributes: { role: 'admin' } });
      events.push({ unitId, stepKey: 'visit', outcome: 'aligned', at: at(10) });
      events.push({ unitId, stepKey: 'visit', outcome: 'aligned', at: at(9) }); // not the first: the window starts at 10
      if (i < 40) events.push({ unitId, stepKey: 'returned', outcome: 'aligned', at: at(5) });
      else if (i < 50) events.push({ unitId, stepKey: 'returned', outcome: 'aligned', at: at(2) }); // 8 days on: too late
      else if (i < 55) events.push({ unitId, stepKey: 'returned', outcome: 'deviated', at: at(5) }); // a deviation is no return
    }
    for (let i = 0; i < 80; i++) {
      const unitId = `${flowKey}-user-${i}`;
      units.push({ unitId, attributes: { role: 'end_user' } });
      events.push({ unitId, stepKey: 'visit', outcome: 'aligned', at: at(20) });
      if (i < 28) events.push({ unitId, stepKey: 'signup', outcome: 'aligned', at: at(15) });
    }
    // Windows that have not closed yet, or started before the range, are not counted.
    for (let i = 0; i < 30; i++) {
      const unitId = `${flowKey}-recent-admin-${i}`;
      units.push({ unitId, attributes: { role: 'admin' } });
      events.push({ unitId, stepKey: 'visit', outcome: 'aligned', at: at(3) });
      events.push({ unitId, stepKey: 'visit', outcome: 'aligned', at: at(20) });
    }
    await insertEvents(t, flowKey, events);
    expect((await t.api('POST', '/units', { units })).status).toBe(202);

    const job = await t.api('POST', `/flows/${flowKey}/health-checks`);
    expect(job.status).toBe(202);
    expect(typeof job.body.jobId).toBe('string');
    const first = await waitForCheck(t, flowKey, null);

    const [admin, user] = first.expectations;
    expect(admin).toMatchObject({ cohortKey: admins, units: 100, reached: 40, observedRate: 0.4 });
    // python3: from fractions import Fraction; from math import comb
    //   float(sum(comb(100, i) * Fraction(3, 5)**i * Fraction(2, 5)**(100 - i) for i in range(41))) → 4.246638705729488e-05
    expect(admin.pValue! / 4.246638705729488e-5).toBeCloseTo(1, 9);
    expect(admin.escalation).toMatchObject({ status: 'open', closedAt: null });
    expect(user).toMatchObject({ cohortKey: endUsers, units: 80, reached: 28, observedRate: 0.35, escalation: null });
    //   float(sum(comb(80, i) * Fraction(3, 10)**i * Fraction(7, 10)**(80 - i) for i in range(29))) → 0.8633141816831044
    expect(user.pValue!).toBeCloseTo(0.8633141816831044, 10);

    const escalated = await t.dataSource.query(
      `SELECT payload FROM webhook_events WHERE type = 'journey.health_escalated' AND payload->'data'->'flow'->>'key' = $1`,
      [flowKey],
    );
    expect(escalated).toHaveLength(1);
    expect(escalated[0].payload.data).toMatchObject({ cohort: { key: admins }, stepKey: 'returned', units: 100, reached: 40 });

    // A second check on the same data: still open, no second event.
    await t.api('POST', `/flows/${flowKey}/health-checks`);
    const second = await waitForCheck(t, flowKey, first.checkedAt);
    expect(second.expectations[0].escalation).toMatchObject({ status: 'open', openedAt: admin.escalation!.openedAt });
    expect(await t.dataSource.query(`SELECT 1 FROM webhook_events WHERE type = 'journey.health_escalated' AND payload->'data'->'flow'->>'key' = $1`, [flowKey])).toHaveLength(1);

    // 25 more admins come back in time: 65 of 100, above the 60 % expected.
    await insertEvents(
      t,
      flowKey,
      Array.from({ length: 25 }, (_, i) => ({ unitId: `${flowKey}-admin-${60 + i}`, stepKey: 'returned', outcome: 'aligned' as const, at: at(6) })),
    );
    await t.api('POST', `/flows/${flowKey}/health-checks`);
    const third = await waitForCheck(t, flowKey, second.checkedAt);
    expect(third.expectations[0]).toMatchObject({ units: 100, reached: 65, observedRate: 0.65 });
    //   float(sum(comb(100, i) * Fraction(3, 5)**i * Fraction(2, 5)**(100 - i) for i in range(66))) → 0.8696634710889977
    expect(third.expectations[0].pValue!).toBeCloseTo(0.8696634710889977, 10);
    expect(third.expectations[0].escalation).toMatchObject({ status: 'closed', openedAt: admin.escalation!.openedAt });
    expect(third.expectations[0].escalation!.closedAt).not.toBeNull();
    const recovered = await t.dataSource.query(
      `SELECT payload FROM webhook_events WHERE type = 'journey.health_recovered' AND payload->'data'->'flow'->>'key' = $1`,
      [flowKey],
    );
    expect(recovered).toHaveLength(1);
    expect(recovered[0].payload.data).toMatchObject({ cohort: { key: admins }, reached: 65 });

    // The history keeps every measurement, oldest first.
    expect(third.history.filter((h) => h.cohortKey === admins).map((h) => h.reached)).toEqual([40, 40, 65]);
    expect((await t.api('GET', `/flows/${flowKey}/health`, undefined, viewerKey)).status).toBe(200);
  });

  it('keeps one daily scheduler, whose job checks every flow with expectations', async () => {
    const { JourneyHealthQueue } = await import('../../server/src/journeys/journey-health-queue.service');
    const { JourneyHealthProcessor } = await import('../../server/src/journeys/journey-health.processor');
    const { JOURNEY_HEALTH_SCHEDULER } = await import('../../server/src/jobs/queue.constants');
    const producer = t.app.get(JourneyHealthQueue);
    await producer.schedule(); // again, as another instance's boot would
    const schedulers = (await producer.queue.getJobSchedulers(0, -1)).filter((s) => s.key === JOURNEY_HEALTH_SCHEDULER);
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ pattern: '0 6 * * *', tz: 'UTC' });

    const before = (await t.api<JourneyHealth>('GET', `/flows/${flowKey}/health`)).body.checkedAt;
    const result = await t.app.get(JourneyHealthProcessor).process({ data: { flowKey: null } } as never);
    expect(result.flows).toBeGreaterThanOrEqual(1);
    expect((await t.api<JourneyHealth>('GET', `/flows/${flowKey}/health`)).body.checkedAt).not.toBe(before);
  });

  it('answers an unknown flow with 404 and a viewer with 403 when asking for a check', async () => {
    expect((await t.api('POST', `/flows/${uniqueKey('none')}/health-checks`)).status).toBe(404);
    expect((await t.api('POST', `/flows/${flowKey}/health-checks`, undefined, viewerKey)).status).toBe(403);
    expect((await t.api('GET', `/flows/${uniqueKey('none')}/health`)).status).toBe(404);
  });
});

async function waitForCheck(t: TestApp, flowKey: string, after: string | null): Promise<JourneyHealth> {
  for (let i = 0; i < 200; i++) {
    const health = (await t.api<JourneyHealth>('GET', `/flows/${flowKey}/health`)).body;
    if (health.checkedAt !== null && health.checkedAt !== after) return health;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no health check ran');
}

describe('cohorts by current attributes, in SQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('decides membership as the SDK and the assignment path do (matchesCohort)', async () => {
    const { cohortMembershipSql, paramInto } = await import('../../server/src/cohorts/cohort-membership.sql');
    const { matchesCohort } = await import('@verdict/shared');
    const values: unknown[] = [50, '50', ' 50 ', 49.5, '1e2', -3, 'abc', 'b', '', true, false, null, [1, 'a'], ['b'], {}, '2026-01-01T00:00:00Z'];
    const attributeSets: Record<string, unknown>[] = [{}, ...values.map((value) => ({ x: value }))];
    const ruleValues: unknown[] = [50, '50', 'abc', 'b', 1, true, '2025-06-01T00:00:00Z', [50, 'abc'], null];
    const ops = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'contains'] as const;
    let compared = 0;
    for (const op of ops) {
      for (const value of ruleValues) {
        const cohort = { key: 'c', rules: [{ attribute: 'x', op, value: value as never }], members: ['member-1'] };
        const params: unknown[] = [attributeSets.map((a) => JSON.stringify(a))];
        const predicate = cohortMembershipSql(cohort, paramInto(params), `'unit-' || x.i`, 'x.attrs');
        const rows: { i: string; m: boolean }[] = await t.dataSource.query(
          `SELECT x.i, COALESCE(${predicate}, false) AS m FROM unnest($1::jsonb[]) WITH ORDINALITY AS x(attrs, i) ORDER BY x.i`,
          params,
        );
        rows.forEach((row, index) => {
          const expected = matchesCohort(cohort, `unit-${row.i}`, attributeSets[index]);
          if (row.m !== expected) throw new Error(`${op} ${JSON.stringify(value)} on ${JSON.stringify(attributeSets[index])}: SQL ${row.m}, JS ${expected}`);
          compared++;
        });
      }
    }
    expect(compared).toBe(ops.length * ruleValues.length * attributeSets.length);
    // Members count whatever their attributes.
    const params: unknown[] = [];
    const predicate = cohortMembershipSql({ rules: [{ attribute: 'x', op: 'eq', value: 'never' }], members: ['member-1'] }, paramInto(params), `'member-1'`, `'{}'::jsonb`);
    expect((await t.dataSource.query(`SELECT ${predicate} AS m`, params))[0].m).toBe(true);
  });
});
