import { startTestApp, TestApp } from '../support/app';
import { createFlow, createHypothesis, hypothesisRequest } from '../support/factories';

// A flow's steps cannot change under a hypothesis being created or revised on one of them:
// both sides lock the flow row (FOR SHARE against FOR UPDATE), so one of the two always sees
// the other. Each round runs the two requests at the same moment.
const ROUNDS = 30;

/** Hypotheses whose primary or guardrail step is not a step of their flow: must stay 0. */
const ORPHANS = `
  SELECT count(*) FROM hypotheses h JOIN flows f ON f.id = h.flow_id
  WHERE h.primary_step_key NOT IN (SELECT s->>'key' FROM jsonb_array_elements(f.steps) s)
     OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(h.guardrail_step_keys) g
                WHERE g NOT IN (SELECT s->>'key' FROM jsonb_array_elements(f.steps) s))`;

describe('a flow PATCH racing a hypothesis on the step it removes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const orphans = async () => Number((await t.dataSource.query(ORPHANS))[0].count);
  // The factory's flow without its `signup` step.
  const withoutSignup = (steps: { key: string }[]) => steps.filter((step) => step.key !== 'signup');

  it('never leaves a hypothesis on a removed step when created concurrently', async () => {
    const outcomes = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const flow = await createFlow(t.api);
      const [created, patched] = await Promise.all([
        t.api('POST', '/hypotheses', hypothesisRequest(flow.key, { primaryStepKey: 'signup', guardrailStepKeys: ['returned'] })),
        t.api('PATCH', `/flows/${flow.key}`, { steps: withoutSignup(flow.steps) }),
      ]);
      const outcome = `${created.status}/${patched.status}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      // Exactly one wins: the hypothesis (and the PATCH is a 409) or the PATCH (and the hypothesis a 400).
      expect(['201/409', '400/200']).toContain(outcome);
    }
    expect(await orphans()).toBe(0);
  });

  it('never leaves a revised hypothesis on a removed step', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const flow = await createFlow(t.api);
      const hypothesis = await createHypothesis(t.api, { flowKey: flow.key, primaryStepKey: 'activated', guardrailStepKeys: [] });
      const [revised, patched] = await Promise.all([
        t.api('POST', `/hypotheses/${hypothesis.id}/versions`, { primaryStepKey: 'signup' }),
        t.api('PATCH', `/flows/${flow.key}`, { steps: withoutSignup(flow.steps) }),
      ]);
      expect(['201/409', '400/200']).toContain(`${revised.status}/${patched.status}`);
    }
    expect(await orphans()).toBe(0);
  });
});
