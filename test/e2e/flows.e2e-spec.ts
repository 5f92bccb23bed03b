import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { createExperiment, createFlow, createHypothesis, flowRequest } from '../support/factories';

describe('/api/v1/flows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/v1/flows', () => {
    it('creates a flow with ordered steps, milestones and end points', async () => {
      const request = flowRequest({
        steps: [
          { key: 'trial', name: 'Started a trial', kind: 'trigger' },
          { key: 'invite', name: 'Invited a teammate', kind: 'step' },
          { key: 'active', name: '10 conversations in 90 days', kind: 'need_met', milestone: { minEvents: 10, withinDays: 90 } },
          { key: 'paid', name: 'Paid', kind: 'business_outcome', terminal: true },
          { key: 'churned', name: 'Left', kind: 'step', terminal: true },
        ],
      });
      const res = await t.api('POST', '/flows', request);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), key: request.key, name: 'Onboarding' });
      expect(res.body.steps.map((s: { key: string }) => s.key)).toEqual(['trial', 'invite', 'active', 'paid', 'churned']);
      expect(res.body.steps[2]).toEqual({
        key: 'active',
        name: '10 conversations in 90 days',
        kind: 'need_met',
        terminal: false,
        milestone: { minEvents: 10, withinDays: 90 },
      });
      expect(res.body.steps[3].terminal).toBe(true);
    });

    it('answers 409 for a duplicate key', async () => {
      const flow = await createFlow(t.api);
      const res = await t.api('POST', '/flows', flowRequest({ key: flow.key }));
      expect(res.status).toBe(409);
      expect(res.body.message).toContain(flow.key);
    });

    it.each([
      [
        'a flow that does not start with its trigger',
        { steps: [{ key: 'a', name: 'A', kind: 'step' }] },
        { field: 'steps[0].kind', reason: expect.stringMatching(/trigger/) },
      ],
      [
        'a second trigger',
        {
          steps: [
            { key: 'a', name: 'A', kind: 'trigger' },
            { key: 'b', name: 'B', kind: 'trigger' },
          ],
        },
        { field: 'steps[1].kind', reason: expect.stringMatching(/one trigger/) },
      ],
      [
        'more than two end points',
        {
          steps: [
            { key: 'a', name: 'A', kind: 'trigger' },
            { key: 'b', name: 'B', kind: 'step', terminal: true },
            { key: 'c', name: 'C', kind: 'step', terminal: true },
            { key: 'd', name: 'D', kind: 'step', terminal: true },
          ],
        },
        { field: 'steps', reason: expect.stringMatching(/at most two/) },
      ],
      [
        'duplicate step keys',
        {
          steps: [
            { key: 'a', name: 'A', kind: 'trigger' },
            { key: 'a', name: 'A again', kind: 'step' },
          ],
        },
        { field: 'steps[1].key', reason: expect.stringMatching(/duplicates/) },
      ],
      [
        'an unknown step kind',
        { steps: [{ key: 'a', name: 'A', kind: 'wish' }] },
        { field: 'steps[0].kind', reason: expect.stringMatching(/trigger, step, need_met/) },
      ],
      [
        'a milestone without a window',
        { steps: [{ key: 'a', name: 'A', kind: 'trigger', milestone: { minEvents: 3 } }] },
        { field: 'steps[0].milestone.withinDays', reason: expect.any(String) },
      ],
      ['no steps', { steps: [] }, { field: 'steps', reason: expect.stringMatching(/at least 1/) }],
      ['a key that is not URL-safe', { key: 'my flow/1' }, { field: 'key', reason: expect.stringMatching(/URL-safe/) }],
    ])('answers 400 naming the field for %s', async (_name, overrides, problem) => {
      const res = await t.api('POST', '/flows', flowRequest(overrides as never));
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(problem);
      expect((await t.api('GET', `/flows/${(overrides as { key?: string }).key ?? 'x'}`)).status).toBe(404);
    });
  });

  describe('GET /api/v1/flows', () => {
    it('lists with limit and offset', async () => {
      await createFlow(t.api);
      await createFlow(t.api);
      const page = await t.api('GET', '/flows?limit=1&offset=1');
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.total).toBeGreaterThanOrEqual(2);
      const bad = await t.api('GET', '/flows?limit=abc');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('limit');
    });
  });

  describe('GET /api/v1/flows/:key', () => {
    it('reads a flow, 404 for an unknown key', async () => {
      const flow = await createFlow(t.api);
      const res = await t.api('GET', `/flows/${flow.key}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(flow);
      expect((await t.api('GET', `/flows/${uniqueKey('missing')}`)).status).toBe(404);
    });
  });

  describe('PATCH /api/v1/flows/:key', () => {
    it('changes name, description and steps while no experiment uses the flow', async () => {
      const flow = await createFlow(t.api);
      const steps = [...flow.steps, { key: 'paid', name: 'Paid', kind: 'business_outcome' }];
      const res = await t.api('PATCH', `/flows/${flow.key}`, { name: 'Renamed', description: 'New', steps });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('Renamed');
      expect(res.body.description).toBe('New');
      expect(res.body.steps).toHaveLength(5);
    });

    it('refuses (409) to change steps once an experiment uses the flow, but still renames it', async () => {
      const flow = await createFlow(t.api);
      const hypothesis = await createHypothesis(t.api, { flowKey: flow.key });
      await createExperiment(t.api, { hypothesisId: hypothesis.id });
      const res = await t.api('PATCH', `/flows/${flow.key}`, { steps: flow.steps.slice(0, 3) });
      expect(res.status).toBe(409);
      expect((await t.api('GET', `/flows/${flow.key}`)).body.steps).toHaveLength(4);
      expect((await t.api('PATCH', `/flows/${flow.key}`, { name: 'Still renamable' })).status).toBe(200);
    });

    it('refuses (409) to drop a step a hypothesis tests', async () => {
      const flow = await createFlow(t.api);
      await createHypothesis(t.api, { flowKey: flow.key, guardrailStepKeys: [] });
      const withoutActivated = flow.steps.filter((s) => s.key !== 'activated');
      expect((await t.api('PATCH', `/flows/${flow.key}`, { steps: withoutActivated })).status).toBe(409);
    });

    it('answers 404 for an unknown flow and 400 for an unknown field', async () => {
      expect((await t.api('PATCH', `/flows/${uniqueKey('missing')}`, { name: 'x' })).status).toBe(404);
      const flow = await createFlow(t.api);
      const res = await t.api('PATCH', `/flows/${flow.key}`, { key: 'renamed-key' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'key', reason: expect.stringMatching(/should not exist/) }]);
    });
  });
});
