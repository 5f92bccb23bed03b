import { startTestApp, TestApp } from '../support/app';
import { createCohort, createExperiment, createFlow, createHypothesis } from '../support/factories';

// `null` is a value, not "leave it alone": a field given as null is refused by name unless the
// document marks it nullable (docs/api.md lists those), and a body must be a JSON object.
describe('null in request bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const refusedAsNull = async (method: string, path: string, field: string, body: Record<string, unknown>) => {
    const res = await t.api(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field, reason: 'must not be null' }]);
  };

  it('refuses null for every field of PATCH /flows/:key, and leaves the flow as it was', async () => {
    const flow = await createFlow(t.api);
    for (const field of ['name', 'description', 'steps']) {
      await refusedAsNull('PATCH', `/flows/${flow.key}`, field, { [field]: null });
    }
    await refusedAsNull('PATCH', `/flows/${flow.key}`, 'steps[1].name', {
      steps: flow.steps.map((step, i) => (i === 1 ? { ...step, name: null } : step)),
    });
    expect((await t.api('GET', `/flows/${flow.key}`)).body).toEqual(flow);
  });

  it('takes null for a step milestone, which the document marks nullable', async () => {
    const flow = await createFlow(t.api);
    const steps = flow.steps.map((step) => ({ ...step, milestone: null }));
    expect((await t.api('PATCH', `/flows/${flow.key}`, { steps })).status).toBe(200);
  });

  it('refuses null for every field of PATCH /cohorts/:key', async () => {
    const cohort = await createCohort(t.api);
    for (const field of ['name', 'kind', 'rules', 'members']) {
      await refusedAsNull('PATCH', `/cohorts/${cohort.key}`, field, { [field]: null });
    }
  });

  it('refuses null for every field of PATCH /hypotheses/:id', async () => {
    const hypothesis = await createHypothesis(t.api);
    for (const field of ['title', 'owner', 'impact', 'confidence', 'ease', 'evidence']) {
      await refusedAsNull('PATCH', `/hypotheses/${hypothesis.id}`, field, { [field]: null });
    }
    expect((await t.api('GET', `/hypotheses/${hypothesis.id}`)).body.updatedAt).toBe(hypothesis.updatedAt);
  });

  it('takes cohortKey: null in a revision, which removes the audience', async () => {
    const cohort = await createCohort(t.api);
    const hypothesis = await createHypothesis(t.api, { cohortKey: cohort.key });
    const res = await t.api('POST', `/hypotheses/${hypothesis.id}/versions`, { cohortKey: null });
    expect(res.status).toBe(201);
    expect(res.body.cohortKey).toBeNull();
    await refusedAsNull('POST', `/hypotheses/${hypothesis.id}/versions`, 'statement', { statement: null });
  });

  it('refuses null for every field of PATCH /experiments/:key', async () => {
    const experiment = await createExperiment(t.api);
    const fields = ['name', 'variants', 'coverage', 'seed', 'targetCohortKeys', 'alpha', 'power', 'method', 'baselineRate'];
    for (const field of [...fields, 'analysisIntervalMinutes', 'forcedVariants', 'plannedSampleSize']) {
      await refusedAsNull('PATCH', `/experiments/${experiment.key}`, field, { [field]: null });
    }
    expect((await t.api('GET', `/experiments/${experiment.key}`)).body).toEqual(experiment);
  });

  it('refuses a body that is null, an array or a bare value', async () => {
    const flow = await createFlow(t.api);
    for (const body of ['null', '[]', '[{"name":"x"}]', '42', '"name"', 'true']) {
      const res = await t.api('PATCH', `/flows/${flow.key}`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    }
  });

  it('refuses integers beyond what their columns hold', async () => {
    const experiment = await createExperiment(t.api);
    for (const plannedSampleSize of [1_000_000_001, 2 ** 31, 1.5]) {
      const res = await t.api('PATCH', `/experiments/${experiment.key}`, { plannedSampleSize });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('plannedSampleSize');
    }
    const flow = await createFlow(t.api);
    const steps = flow.steps.map((step, i) => (i === 2 ? { ...step, milestone: { minEvents: 2 ** 31, withinDays: 3 } } : step));
    const res = await t.api('PATCH', `/flows/${flow.key}`, { steps });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('steps[2].milestone.minEvents');
  });
});
