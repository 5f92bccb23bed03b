import { matchesCohort, type Breakdown, type Hypothesis, type Results } from '@verdict/shared';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { createCheckoutFlow, sendStory, type StoryCohort, type StoryUnit } from '../support/cohort-story';
import { runAnalysis } from '../support/send';

// Cohort learning end to end: data with known per-cohort effects (strong for small companies,
// none for enterprise) sent through the API with attributes at assignment, analysed by the real
// worker; every cohort's counts checked against a count made here from what was sent.

type Unit = StoryUnit;

describe('cohort learning (GET /experiments/:key/breakdown, results?cohort=)', () => {
  let t: TestApp;
  const suffix = uniqueKey('x').slice(2);
  // Keys that sort first, so these cohorts are among those every analysis breaks down by.
  const key = (name: string) => `0co-${name}-${suffix}`;
  // This run's attribute names: no other suite's cohort (nor an earlier run's) matches its units.
  const attr = (name: string) => `${suffix}_${name}`;
  const cohorts: StoryCohort[] = [
    { key: key('smb'), name: 'Small companies', kind: 'segment', rules: [{ attribute: attr('size'), op: 'eq', value: 'smb' }] },
    { key: key('ent'), name: 'Enterprise', kind: 'segment', rules: [{ attribute: attr('size'), op: 'in', value: ['enterprise'] }] },
    { key: key('big'), kind: 'custom', rules: [{ attribute: attr('seats'), op: 'gte', value: 50 }] },
    { key: key('small'), kind: 'custom', rules: [{ attribute: attr('seats'), op: 'lte', value: 20 }] },
    { key: key('beta'), kind: 'custom', rules: [{ attribute: attr('tags'), op: 'contains', value: 'beta' }] },
    { key: key('notfr'), kind: 'demographic', rules: [{ attribute: attr('country'), op: 'neq', value: 'fr' }, { attribute: attr('seats'), op: 'lt', value: 80 }] },
    // `nin` also matches a unit without the attribute, so every other suite's units: the first
    // rule keeps this cohort to the units of this test.
    {
      key: key('free'),
      kind: 'custom',
      rules: [
        { attribute: attr('plan'), op: 'in', value: ['free', 'pro'] },
        { attribute: attr('plan'), op: 'nin', value: ['pro'] },
      ],
    },
    { key: key('retail'), kind: 'vertical', rules: [{ attribute: attr('industry'), op: 'contains', value: 'tail' }, { attribute: attr('seats'), op: 'gt', value: 5 }] },
    { key: key('early'), kind: 'custom', rules: [{ attribute: attr('signedUpAt'), op: 'lt', value: '2026-06-01T00:00:00Z' }] },
    { key: key('focus'), kind: 'focus_group', members: [] },
  ];
  let units: Unit[] = [];
  let experimentKey = '';
  let hypothesisId = '';
  let flowKey = '';

  beforeAll(async () => {
    t = await startTestApp();
    // Fixed ids and seeds: every run sends the same data (events are per flow, assignments per experiment).
    const unitIds = Array.from({ length: 4000 }, (_, i) => `co-u${i}`);
    cohorts.find((c) => c.key === key('focus'))!.members = unitIds.filter((_, i) => i % 97 === 0);
    for (const cohort of cohorts) {
      const created = await t.api('POST', '/cohorts', { name: cohort.key, rules: [], members: [], ...cohort });
      expect(created.status).toBe(201);
    }
    flowKey = await createCheckoutFlow(t);
    const hypothesis = await t.api<Hypothesis>('POST', '/hypotheses', {
      title: 'One-click checkout for enterprise',
      statement: 'We believe that one-click checkout for enterprise buyers will increase payments by at least 50 %.',
      metricArea: 'financial_impact',
      flowKey,
      primaryStepKey: 'paid',
      expectedDirection: 'increase',
      minimumEffect: 0.5,
      cohortKey: key('ent'),
      cohortExpectations: [
        { cohortKey: key('smb'), stepKey: 'paid', direction: 'increase', minimumEffect: 0.5, baselineRate: 0.2 },
        { cohortKey: key('ent'), stepKey: 'visit', direction: 'no_harm', baselineRate: 0.5 },
        { cohortKey: key('ent'), stepKey: 'paid', direction: 'increase', minimumEffect: 0.5, baselineRate: 0.2 },
      ],
      impact: 3,
      confidence: 3,
      ease: 3,
    });
    expect(hypothesis.status).toBe(201);
    hypothesisId = hypothesis.body.id;
    experimentKey = uniqueKey('co-exp');
    const created = await t.api('POST', '/experiments', {
      key: experimentKey,
      name: 'One-click checkout',
      hypothesisId,
      variants: [
        { key: 'control', weight: 0.5, control: true },
        { key: 'treatment', weight: 0.5 },
      ],
      seed: 'cohorts-e2e',
      // Everyone, not the audience: the breakdown then shows the units outside it.
      targetCohortKeys: [],
      baselineRate: 0.2,
      plannedSampleSize: 600,
      varianceReduction: { method: 'none' },
    });
    expect(created.status).toBe(201);
    units = await sendStory(t, { experimentKey, flowKey, unitIds, seed: 11, attributePrefix: attr('') });
    await runAnalysis(t, experimentKey);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  /** The counts of one group of units, made here from what was sent. */
  function count(members: Unit[]) {
    const units: Record<string, number> = { control: 0, treatment: 0 };
    const paid: Record<string, number> = { control: 0, treatment: 0 };
    for (const unit of members) {
      units[unit.variantKey]++;
      if (unit.paid) paid[unit.variantKey]++;
    }
    return { units, paid };
  }
  const inCohort = (cohortKey: string) => {
    const cohort = cohorts.find((c) => c.key === cohortKey)!;
    return units.filter((u) => matchesCohort({ key: cohort.key, rules: cohort.rules ?? [], members: cohort.members ?? [] }, u.unitId, u.attributes));
  };

  it('counts every cohort from the attributes at assignment, as an independent count does', async () => {
    const response = await t.api<Breakdown>('GET', `/experiments/${experimentKey}/breakdown`);
    expect(response.status).toBe(200);
    for (const cohort of cohorts) {
      const expected = count(inCohort(cohort.key));
      const row = response.body.cohorts.find((r) => r.cohortKey === cohort.key);
      expect({ cohort: cohort.key, units: row?.unitsPerVariant }).toEqual({ cohort: cohort.key, units: expected.units });
      const paid = row!.steps.find((s) => s.stepKey === 'paid')!;
      expect(Object.fromEntries(paid.variants.map((v) => [v.variantKey, v.reached]))).toEqual(expected.paid);
    }
    // The units outside the audience (enterprise) are a row of their own.
    const outside = response.body.cohorts.find((r) => r.cohortKey === 'outside_audience')!;
    expect(outside.kind).toBe('outside_audience');
    const entIds = new Set(inCohort(key('ent')).map((u) => u.unitId));
    expect(outside.unitsPerVariant).toEqual(count(units.filter((u) => !entIds.has(u.unitId))).units);
    expect(response.body.audienceCohortKey).toBe(key('ent'));
  });

  it('flags the differential impact where the effects differ, and not where they do not', async () => {
    const { body } = await t.api<Breakdown>('GET', `/experiments/${experimentKey}/breakdown`);
    const impact = (cohortKey: string) =>
      body.cohorts.find((r) => r.cohortKey === cohortKey)!.steps.find((s) => s.stepKey === 'paid')!.comparisons[0].differentialImpact;
    expect(impact(key('smb')).flagged).toBe(true);
    expect(impact(key('ent')).flagged).toBe(true);
    expect(impact(key('ent')).summary).toMatch(/^the effect of treatment in Enterprise differs from the rest \(.+ vs .+\)$/);
    // Membership unrelated to the effect's driver (size): no flag.
    for (const name of ['free', 'beta', 'focus', 'early']) expect(impact(key(name)).flagged).toBe(false);
    expect(impact(key('free')).summary).toBeNull();
    // Holm over the family: adjusted p-values are never below the raw ones.
    for (const row of body.cohorts) for (const step of row.steps) for (const c of step.comparisons) expect(c.adjustedPValue).toBeGreaterThanOrEqual(c.pValue);
  });

  it('judges the verdict on the audience only, and says so', async () => {
    const { body } = await t.api<Results>('GET', `/experiments/${experimentKey}/results`);
    const ent = count(inCohort(key('ent')));
    expect(body.audience).toEqual({
      cohortKey: key('ent'),
      units: ent.units.control + ent.units.treatment,
      outsideUnits: units.length - ent.units.control - ent.units.treatment,
    });
    const paid = body.steps.find((s) => s.stepKey === 'paid')!;
    expect(Object.fromEntries(paid.variants.map((v) => [v.variantKey, v.reached]))).toEqual(ent.paid);
    // No effect for enterprise, at the final look: any effect is too small to matter (the
    // whole population, with the small companies' effect, would have validated).
    expect(body.verdict.status).toBe('refuted');
    // Cohorts by name in the reason, as a PM named them.
    expect(body.verdict.reason).toContain('Judged on the audience cohort Enterprise (');
  });

  it("gives each cohort expectation its own status, in the results, the breakdown, the reason and the hypothesis' history", async () => {
    const { body } = await t.api<Breakdown>('GET', `/experiments/${experimentKey}/breakdown`);
    const status = Object.fromEntries(body.expectations.map((e) => [`${e.cohortKey}:${e.stepKey}`, e.status]));
    expect(status).toEqual({
      [`${key('smb')}:paid`]: 'validated',
      [`${key('ent')}:visit`]: 'running',
      [`${key('ent')}:paid`]: 'refuted',
    });
    const results = await t.api<Results>('GET', `/experiments/${experimentKey}/results`);
    expect(results.body.expectations).toEqual(body.expectations);
    expect(results.body.verdict.reason).toContain('validated for Small companies (paid); running for Enterprise (visit); refuted for Enterprise (paid)');
    const hypothesis = await t.api<Hypothesis>('GET', `/hypotheses/${hypothesisId}`);
    expect(hypothesis.body.cohortExpectations).toHaveLength(3);
    expect(hypothesis.body.expectationHistory.map((c) => [c.cohortKey, c.from, c.to])).toEqual([
      [key('smb'), null, 'validated'],
      [key('ent'), null, 'refuted'],
    ]);
    const events: { payload: { data: { cohortKey: string; to: string } } }[] = await t.dataSource.query(
      `SELECT payload FROM webhook_events WHERE type = 'expectation.changed' AND payload -> 'data' -> 'hypothesis' ->> 'id' = $1`,
      [hypothesisId],
    );
    expect(events.map((e) => e.payload.data.to).sort()).toEqual(['refuted', 'validated']);
  });

  it('breaks down by the most frequent values of one attribute', async () => {
    const response = await t.api<Breakdown>('GET', `/experiments/${experimentKey}/breakdown?by=attribute:${attr('size')}`);
    expect(response.status).toBe(200);
    expect(response.body.cohorts.map((r) => r.value).sort()).toEqual(['enterprise', 'smb']);
    for (const row of response.body.cohorts) {
      expect(row.attribute).toBe(attr('size'));
      expect(row.unitsPerVariant).toEqual(count(units.filter((u) => u.attributes[attr('size')] === row.value)).units);
    }
    const smb = response.body.cohorts.find((r) => r.value === 'smb')!;
    expect(smb.steps.find((s) => s.stepKey === 'paid')!.comparisons[0].differentialImpact.flagged).toBe(true);
  });

  it('serves the results on one cohort', async () => {
    const response = await t.api<Results>('GET', `/experiments/${experimentKey}/results?cohort=${key('smb')}`);
    expect(response.status).toBe(200);
    expect(response.body.cohortKey).toBe(key('smb'));
    const smb = count(inCohort(key('smb')));
    expect(response.body.progress.unitsPerVariant).toEqual(smb.units);
    const paid = response.body.steps.find((s) => s.stepKey === 'paid')!;
    expect(Object.fromEntries(paid.variants.map((v) => [v.variantKey, v.reached]))).toEqual(smb.paid);
    expect(paid.comparisons[0].relativeLift).toBeGreaterThan(0.3);
  });

  it('names bad input', async () => {
    const unknown = await t.api('GET', `/experiments/${experimentKey}/results?cohort=no-such-cohort`);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('cohort');
    const by = await t.api('GET', `/experiments/${experimentKey}/breakdown?by=plan`);
    expect(by.status).toBe(400);
    expect(JSON.stringify(by.body)).toContain('"by"');
    const base = {
      title: 'Too many',
      statement: 'We believe…',
      metricArea: 'financial_impact',
      flowKey,
      primaryStepKey: 'paid',
      expectedDirection: 'increase',
      minimumEffect: 0.1,
      impact: 1,
      confidence: 1,
      ease: 1,
    };
    const expectation = (i: number) => ({ cohortKey: key('smb'), stepKey: i % 2 ? 'paid' : 'visit', direction: 'increase', baselineRate: 0.2 });
    const tooMany = await t.api('POST', '/hypotheses', { ...base, cohortExpectations: Array.from({ length: 11 }, (_, i) => expectation(i)) });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('cohortExpectations');
    const unknownCohort = await t.api('POST', '/hypotheses', { ...base, cohortExpectations: [{ ...expectation(0), cohortKey: 'nope' }] });
    expect(unknownCohort.status).toBe(400);
    expect(JSON.stringify(unknownCohort.body)).toContain('cohortExpectations[0].cohortKey');
    // A cohort that defines nobody (the API never makes one; an old row might be one).
    const empty = key('empty');
    await t.dataSource.query(`INSERT INTO cohorts (key, name, kind) VALUES ($1, 'Empty', 'custom')`, [empty]);
    const nobody = await t.api('POST', '/hypotheses', { ...base, cohortExpectations: [{ ...expectation(0), cohortKey: empty }] });
    expect(nobody.status).toBe(400);
    expect(JSON.stringify(nobody.body)).toContain('matches nobody');
    const audience = await t.api('POST', '/hypotheses', { ...base, cohortKey: empty });
    expect(audience.status).toBe(400);
    expect(JSON.stringify(audience.body)).toContain('cohortKey');
    await t.dataSource.query(`DELETE FROM cohorts WHERE key = $1`, [empty]);
  });

  it('targets a new experiment at the audience by default; a revision may change the expectations', async () => {
    const draft = await t.api('POST', '/experiments', {
      key: uniqueKey('co-draft'),
      name: 'Default targeting',
      hypothesisId,
      variants: [
        { key: 'control', weight: 0.5, control: true },
        { key: 'treatment', weight: 0.5 },
      ],
      baselineRate: 0.2,
    });
    expect(draft.status).toBe(201);
    expect(draft.body.targetCohortKeys).toEqual([key('ent')]);

    const plain = await t.api<Hypothesis>('POST', '/hypotheses', {
      title: 'Revised with expectations',
      statement: 'We believe…',
      metricArea: 'financial_impact',
      flowKey,
      primaryStepKey: 'paid',
      expectedDirection: 'increase',
      minimumEffect: 0.1,
      impact: 1,
      confidence: 1,
      ease: 1,
    });
    expect(plain.body.cohortExpectations).toEqual([]);
    const expectations = [{ cohortKey: key('smb'), stepKey: 'paid', direction: 'no_harm', baselineRate: 0.2 }];
    const revised = await t.api<Hypothesis>('POST', `/hypotheses/${plain.body.id}/versions`, { cohortExpectations: expectations });
    expect(revised.status).toBe(201);
    expect(revised.body.version).toBe(2);
    expect(revised.body.cohortExpectations).toEqual([{ ...expectations[0], minimumEffect: null }]);
    expect(revised.body.versions.map((v) => v.cohortExpectations.length)).toEqual([0, 1]);
  });
});
