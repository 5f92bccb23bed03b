import { startTestApp, TestApp, uniqueKey } from '../support/app';
import {
  createCohort,
  createExperiment,
  createFlow,
  createHypothesis,
  createRunningExperiment,
  hypothesisRequest,
} from '../support/factories';
import { HypothesisStatusService } from '../../server/src/hypotheses/hypothesis-status.service';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('/api/v1/hypotheses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/v1/hypotheses', () => {
    it('creates version 1 in draft, with its score and a first history entry', async () => {
      const flow = await createFlow(t.api);
      const cohort = await createCohort(t.api);
      const request = hypothesisRequest(flow.key, { cohortKey: cohort.key });
      const res = await t.api('POST', '/hypotheses', request);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        version: 1,
        status: 'draft',
        title: request.title,
        statement: request.statement,
        metricArea: 'customer_engagement',
        flowKey: flow.key,
        primaryStepKey: 'activated',
        expectedDirection: 'increase',
        minimumEffect: 0.1,
        cohortKey: cohort.key,
        guardrailStepKeys: ['returned'],
        impact: 4,
        confidence: 3,
        ease: 5,
        score: 60,
        owner: 'maria',
        evidence: request.evidence,
        computedVerdict: null,
        manualVerdict: null,
        experiments: [],
      });
      expect(res.body.versions).toEqual([
        expect.objectContaining({ version: 1, statement: request.statement, minimumEffect: 0.1 }),
      ]);
      expect(res.body.statusHistory).toEqual([
        expect.objectContaining({ from: null, to: 'draft', version: 1, source: 'system', actor: 'admin' }),
      ]);
    });

    it.each([
      ['an unknown metric area', { metricArea: 'happiness' }, 'metricArea'],
      ['a minimum effect of 0', { minimumEffect: 0 }, 'minimumEffect'],
      ['an impact of 6', { impact: 6 }, 'impact'],
      ['a fractional ease', { ease: 2.5 }, 'ease'],
      ['an unknown direction', { expectedDirection: 'sideways' }, 'expectedDirection'],
      ['a primary step outside the flow', { primaryStepKey: 'paid' }, 'primaryStepKey'],
      ['a guardrail outside the flow', { guardrailStepKeys: ['nope'] }, 'guardrailStepKeys[0]'],
      ['the primary step as guardrail', { guardrailStepKeys: ['activated'] }, 'guardrailStepKeys[0]'],
      ['evidence of an unknown kind', { evidence: [{ kind: 'gut', source: 's', note: 'n' }] }, 'evidence[0].kind'],
      ['a missing statement', { statement: undefined }, 'statement'],
    ])('answers 400 naming the field for %s', async (_name, overrides, field) => {
      const flow = await createFlow(t.api);
      const res = await t.api('POST', '/hypotheses', { ...hypothesisRequest(flow.key), ...overrides });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const list = await t.api('GET', `/hypotheses?flowKey=${flow.key}`);
      expect(list.body.total).toBe(0);
    });

    it('answers 404 for an unknown flow or cohort', async () => {
      expect((await t.api('POST', '/hypotheses', hypothesisRequest(uniqueKey('none')))).status).toBe(404);
      const flow = await createFlow(t.api);
      const res = await t.api('POST', '/hypotheses', hypothesisRequest(flow.key, { cohortKey: uniqueKey('none') }));
      expect(res.status).toBe(404);
    });
  });

  describe('GET /api/v1/hypotheses', () => {
    it('filters by status, metric area, owner and flow, with limit/offset', async () => {
      const flow = await createFlow(t.api);
      const owner = uniqueKey('owner');
      const a = await createHypothesis(t.api, { flowKey: flow.key, owner, metricArea: 'customer_reach' });
      await createHypothesis(t.api, { flowKey: flow.key, owner, metricArea: 'financial_impact' });
      await t.api('POST', `/hypotheses/${a.id}/archive`, {});

      const byFlow = await t.api('GET', `/hypotheses?flowKey=${flow.key}`);
      expect(byFlow.body.total).toBe(2);
      const archived = await t.api('GET', `/hypotheses?flowKey=${flow.key}&status=archived`);
      expect(archived.body.items.map((h: { id: string }) => h.id)).toEqual([a.id]);
      const reach = await t.api('GET', `/hypotheses?owner=${owner}&metricArea=customer_reach`);
      expect(reach.body.items.map((h: { id: string }) => h.id)).toEqual([a.id]);
      const page = await t.api('GET', `/hypotheses?owner=${owner}&limit=1&offset=1`);
      expect(page.body).toMatchObject({ total: 2, items: [expect.any(Object)] });
      expect(page.body.items[0]).not.toHaveProperty('statusHistory');
      expect((await t.api('GET', '/hypotheses?status=maybe')).status).toBe(400);
    });
  });

  describe('GET /api/v1/hypotheses/:id', () => {
    it('answers 404 for an unknown or malformed id', async () => {
      expect((await t.api('GET', `/hypotheses/${MISSING_ID}`)).status).toBe(404);
      expect((await t.api('GET', '/hypotheses/not-a-uuid')).status).toBe(404);
    });

    it('includes its experiments', async () => {
      const hypothesis = await createHypothesis(t.api);
      const experiment = await createExperiment(t.api, { hypothesisId: hypothesis.id });
      const res = await t.api('GET', `/hypotheses/${hypothesis.id}`);
      expect(res.body.experiments).toEqual([
        expect.objectContaining({ key: experiment.key, hypothesisVersion: 1, status: 'draft' }),
      ]);
    });
  });

  describe('PATCH /api/v1/hypotheses/:id', () => {
    it('changes the descriptive fields without a new version', async () => {
      const hypothesis = await createHypothesis(t.api);
      const res = await t.api('PATCH', `/hypotheses/${hypothesis.id}`, {
        title: 'Renamed',
        impact: 5,
        evidence: [{ kind: 'quantitative', source: 'funnel', note: '40 % drop at step 2' }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: 'Renamed', impact: 5, score: 75, version: 1 });
      expect(res.body.versions).toHaveLength(1);
    });

    it('refuses testable fields (they need a new version)', async () => {
      const hypothesis = await createHypothesis(t.api);
      const res = await t.api('PATCH', `/hypotheses/${hypothesis.id}`, { minimumEffect: 0.2 });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'minimumEffect', reason: expect.stringMatching(/should not exist/) }]);
    });
  });

  describe('POST /api/v1/hypotheses/:id/versions', () => {
    it('makes version n+1, keeps earlier versions readable and resets the status to draft', async () => {
      const hypothesis = await createHypothesis(t.api);
      const experiment = await createRunningExperiment(t.api, { hypothesisId: hypothesis.id });
      await t.api('POST', `/experiments/${experiment.key}/stop`);
      await t.api('POST', `/hypotheses/${hypothesis.id}/verdict`, { status: 'refuted', note: 'no lift at all' });

      const res = await t.api('POST', `/hypotheses/${hypothesis.id}/versions`, {
        minimumEffect: 0.2,
        expectedDirection: 'increase',
        note: 'Bigger change, bigger bar',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ version: 2, status: 'draft', minimumEffect: 0.2, manualVerdict: null });
      expect(res.body.versions.map((v: { version: number; minimumEffect: number }) => [v.version, v.minimumEffect])).toEqual([
        [1, 0.1],
        [2, 0.2],
      ]);
      const last = res.body.statusHistory.at(-1);
      expect(last).toMatchObject({ from: 'refuted', to: 'draft', version: 2, source: 'system' });
      expect(last.reason).toMatch(/version 2.*minimumEffect.*Bigger change/);
      // The refutation stays attached to version 1.
      expect(res.body.statusHistory).toContainEqual(
        expect.objectContaining({ to: 'refuted', version: 1, source: 'manual', reason: 'no lift at all' }),
      );
    });

    it('refuses a revision that changes nothing (400) or while an experiment runs (409)', async () => {
      const hypothesis = await createHypothesis(t.api);
      expect((await t.api('POST', `/hypotheses/${hypothesis.id}/versions`, { minimumEffect: 0.1 })).status).toBe(400);
      await createRunningExperiment(t.api, { hypothesisId: hypothesis.id });
      const res = await t.api('POST', `/hypotheses/${hypothesis.id}/versions`, { minimumEffect: 0.3 });
      expect(res.status).toBe(409);
      expect((await t.api('GET', `/hypotheses/${hypothesis.id}`)).body.version).toBe(1);
    });

    it('checks the new fields like a creation', async () => {
      const hypothesis = await createHypothesis(t.api);
      const res = await t.api('POST', `/hypotheses/${hypothesis.id}/versions`, { primaryStepKey: 'nowhere' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('primaryStepKey');
      expect((await t.api('POST', `/hypotheses/${MISSING_ID}/versions`, { minimumEffect: 0.3 })).status).toBe(404);
    });
  });

  describe('POST /api/v1/hypotheses/:id/verdict', () => {
    it('records a manual override with who, when and why (200)', async () => {
      const hypothesis = await createHypothesis(t.api);
      const res = await t.api('POST', `/hypotheses/${hypothesis.id}/verdict`, {
        status: 'validated',
        note: 'Qualitative evidence is overwhelming',
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('validated');
      expect(res.body.manualVerdict).toMatchObject({ status: 'validated', actor: 'admin', note: 'Qualitative evidence is overwhelming' });
      expect(res.body.statusHistory.at(-1)).toMatchObject({
        from: 'draft',
        to: 'validated',
        source: 'manual',
        actor: 'admin',
        reason: 'Qualitative evidence is overwhelming',
        at: expect.any(String),
      });
    });

    it('records the API key name as the actor', async () => {
      const key = await t.api('POST', '/api-keys', { name: 'pm-lena', scope: 'admin' });
      const hypothesis = await createHypothesis(t.api);
      const res = await t.api('POST', `/hypotheses/${hypothesis.id}/verdict`, { status: 'refuted', note: 'n' }, key.body.key);
      expect(res.body.manualVerdict.actor).toBe('pm-lena');
    });

    it('needs a status among validated/refuted/inconclusive and a note', async () => {
      const hypothesis = await createHypothesis(t.api);
      const res = await t.api('POST', `/hypotheses/${hypothesis.id}/verdict`, { status: 'running' });
      expect(res.status).toBe(400);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['note', 'status']);
    });
  });

  describe('POST /api/v1/hypotheses/:id/archive', () => {
    it('archives (200) once; a second time is 409', async () => {
      const hypothesis = await createHypothesis(t.api);
      const res = await t.api('POST', `/hypotheses/${hypothesis.id}/archive`, { note: 'superseded' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('archived');
      expect(res.body.statusHistory.at(-1)).toMatchObject({ to: 'archived', source: 'manual', reason: 'superseded' });
      expect((await t.api('POST', `/hypotheses/${hypothesis.id}/archive`)).status).toBe(409);
      expect((await t.api('POST', `/hypotheses/${hypothesis.id}/verdict`, { status: 'validated', note: 'x' })).status).toBe(409);
    });
  });

  describe('computed verdicts (HypothesisStatusService.applyComputedVerdict)', () => {
    it('moves the status with a history entry from the analysis, only when it changes', async () => {
      const service = t.app.get(HypothesisStatusService);
      const hypothesis = await createHypothesis(t.api);
      const experiment = await createRunningExperiment(t.api, { hypothesisId: hypothesis.id });
      const analysisId = '11111111-1111-4111-8111-111111111111';
      const input = { hypothesisId: hypothesis.id, version: 1, experimentKey: experiment.key, analysisId };

      expect(await service.applyComputedVerdict({ ...input, status: 'running', reason: '40 % of the plan' })).toBe(false);
      expect(await service.applyComputedVerdict({ ...input, status: 'validated', reason: 'treatment +12 %' })).toBe(true);
      const res = await t.api('GET', `/hypotheses/${hypothesis.id}`);
      expect(res.body.status).toBe('validated');
      expect(res.body.computedVerdict).toMatchObject({ status: 'validated', reason: 'treatment +12 %', analysisId });
      expect(res.body.statusHistory.map((c: { to: string; source: string }) => `${c.source}:${c.to}`)).toEqual([
        'system:draft',
        'experiment:running',
        'analysis:validated',
      ]);
      expect(res.body.statusHistory.at(-1)).toMatchObject({ analysisId, experimentKey: experiment.key, actor: 'analysis' });
    });

    it('never overrides a manual verdict of the same version, but keeps the computed one visible', async () => {
      const service = t.app.get(HypothesisStatusService);
      const hypothesis = await createHypothesis(t.api);
      await t.api('POST', `/hypotheses/${hypothesis.id}/verdict`, { status: 'refuted', note: 'by hand' });
      const changed = await service.applyComputedVerdict({
        hypothesisId: hypothesis.id,
        version: 1,
        status: 'validated',
        reason: 'computed',
        analysisId: '22222222-2222-4222-8222-222222222222',
        experimentKey: 'x',
      });
      expect(changed).toBe(false);
      const res = await t.api('GET', `/hypotheses/${hypothesis.id}`);
      expect(res.body.status).toBe('refuted');
      expect(res.body.manualVerdict.status).toBe('refuted');
      expect(res.body.computedVerdict.status).toBe('validated');
    });

    it('ignores verdicts for an older version', async () => {
      const service = t.app.get(HypothesisStatusService);
      const hypothesis = await createHypothesis(t.api);
      await t.api('POST', `/hypotheses/${hypothesis.id}/versions`, { minimumEffect: 0.3 });
      const changed = await service.applyComputedVerdict({
        hypothesisId: hypothesis.id,
        version: 1,
        status: 'refuted',
        reason: 'old',
        analysisId: '33333333-3333-4333-8333-333333333333',
        experimentKey: 'x',
      });
      expect(changed).toBe(false);
      const res = await t.api('GET', `/hypotheses/${hypothesis.id}`);
      expect(res.body).toMatchObject({ status: 'draft', version: 2, computedVerdict: null });
    });
  });
});
