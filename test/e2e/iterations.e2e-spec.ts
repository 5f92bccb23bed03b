import { assignVariant, hashUnitId, type HypothesisIterations, type Results, type SdkConfig } from '@verdict/shared';
import { startTestApp, TestApp, uniqueKey } from '../support/app';

// GET /hypotheses/:id/iterations: each version's primary and business-outcome lifts, from the
// latest analysis of the experiment that tested it.

const HOUR = 3600 * 1000;

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`condition not met in ${timeoutMs} ms`);
}

describe('GET /api/v1/hypotheses/:id/iterations', () => {
  let t: TestApp;
  let flowKey: string;
  let hypothesisId: string;
  const tested: { experimentKey: string; results: Results }[] = [];

  /** An experiment on the hypothesis' current version, 400 units with the given rates, analysed once. */
  async function iterate(version: number, rates: { control: [number, number]; treatment: [number, number] }) {
    const experimentKey = uniqueKey('it-exp');
    const created = await t.api('POST', '/experiments', {
      key: experimentKey,
      name: `Version ${version}`,
      hypothesisId,
      variants: [
        { key: 'control', weight: 0.5, control: true },
        { key: 'treatment', weight: 0.5 },
      ],
      seed: `iterations-${version}`,
      baselineRate: 0.3,
      plannedSampleSize: 1000,
    });
    expect(created.status).toBe(201);
    expect(created.body.hypothesisVersion).toBe(version);
    expect((await t.api('POST', `/experiments/${experimentKey}/start`)).status).toBe(200);
    let salt = '';
    const config = await waitFor(async () => {
      const res = await t.api<SdkConfig>('GET', '/sdk/config');
      salt = res.body.configSalt;
      return res.body.experiments.find((e) => e.key === experimentKey && e.status === 'running');
    });
    const now = Date.now() - HOUR;
    const exposures: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    let i = 0;
    for (let n = 0; n < 400; n++) {
      const unitId = `${experimentKey}-u${n}`;
      const evaluation = assignVariant(config, unitId, {}, hashUnitId(salt, unitId));
      if (!evaluation.inExperiment) continue;
      exposures.push({ experimentKey, unitId, variantKey: evaluation.variantKey, assignedAt: new Date(now - HOUR).toISOString() });
      const [activation, payment] = rates[evaluation.variantKey as 'control' | 'treatment'];
      // Deterministic shares: unit n reaches a step when its position in a cycle of 20 is below the rate.
      const send = (stepKey: string) =>
        events.push({ id: `${unitId}-${i++}`, unitId, flowKey, stepKey, outcome: 'aligned', occurredAt: new Date(now).toISOString() });
      send('visit');
      if ((n * 7) % 20 < activation * 20) send('activated');
      if ((n * 11) % 20 < payment * 20) send('paid');
    }
    expect((await t.api('POST', '/exposures', { exposures })).status).toBe(202);
    for (let k = 0; k < events.length; k += 1000) {
      expect((await t.api('POST', '/events', { events: events.slice(k, k + 1000) })).status).toBe(202);
    }
    const accepted = await t.api('POST', `/experiments/${experimentKey}/analyses`);
    await waitFor(async () => (await t.api('GET', `/analysis-jobs/${accepted.body.jobId}`)).body.state === 'done');
    expect((await t.api('POST', `/experiments/${experimentKey}/pause`)).status).toBe(200);
    const results = (await t.api<Results>('GET', `/experiments/${experimentKey}/results`)).body;
    tested.push({ experimentKey, results });
    // Stopping queues a final analysis; wait for it, so the latest analysis is settled.
    expect((await t.api('POST', `/experiments/${experimentKey}/stop`)).status).toBe(200);
    const final = await waitFor(async () => {
      const list = await t.api('GET', `/experiments/${experimentKey}/analyses`);
      return list.body.items.find((a: { trigger: string; status: string }) => a.trigger === 'final' && a.status === 'succeeded');
    });
    tested[tested.length - 1].results = final.results;
  }

  beforeAll(async () => {
    t = await startTestApp();
    flowKey = uniqueKey('it-flow');
    const flow = await t.api('POST', '/flows', {
      key: flowKey,
      name: 'Trial',
      steps: [
        { key: 'visit', name: 'Visit', kind: 'trigger' },
        { key: 'activated', name: 'Activated', kind: 'need_met' },
        { key: 'paid', name: 'Paid', kind: 'business_outcome', terminal: true },
      ],
    });
    expect(flow.status).toBe(201);
    const hypothesis = await t.api('POST', '/hypotheses', {
      title: 'Onboarding checklist',
      statement: 'We believe that a checklist for new trials will increase activation by at least 10 %.',
      metricArea: 'customer_engagement',
      flowKey,
      primaryStepKey: 'activated',
      expectedDirection: 'increase',
      minimumEffect: 0.1,
      impact: 3,
      confidence: 3,
      ease: 3,
    });
    expect(hypothesis.status).toBe(201);
    hypothesisId = hypothesis.body.id;
    await iterate(1, { control: [0.3, 0.1], treatment: [0.35, 0.1] });
    const revised = await t.api('POST', `/hypotheses/${hypothesisId}/versions`, {
      statement: 'We believe that a shorter checklist for new trials will increase activation by at least 20 %.',
      minimumEffect: 0.2,
    });
    expect(revised.status).toBe(201);
    await iterate(2, { control: [0.3, 0.1], treatment: [0.5, 0.2] });
    expect((await t.api('POST', `/hypotheses/${hypothesisId}/versions`, { minimumEffect: 0.25 })).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists every version with its latest analysis' primary and business-outcome lifts", async () => {
    const res = await t.api<HypothesisIterations>('GET', `/hypotheses/${hypothesisId}/iterations`);
    expect(res.status).toBe(200);
    expect(res.body.hypothesisId).toBe(hypothesisId);
    expect(res.body.businessOutcomeStepKey).toBe('paid');
    expect(res.body.iterations.map((iteration) => iteration.version)).toEqual([1, 2, 3]);
    tested.forEach(({ experimentKey, results }, index) => {
      const iteration = res.body.iterations[index];
      const comparison = (stepKey: string) => results.steps.find((s) => s.stepKey === stepKey)!.comparisons[0];
      expect(iteration).toMatchObject({
        experimentKey,
        analysisId: results.analysisId,
        verdict: results.verdict.status,
        primaryStepKey: 'activated',
        primary: {
          stepKey: 'activated',
          variantKey: 'treatment',
          relativeLift: comparison('activated').relativeLift,
          ciRelative: comparison('activated').ciRelative,
        },
        businessOutcome: {
          stepKey: 'paid',
          variantKey: 'treatment',
          relativeLift: comparison('paid').relativeLift,
          ciRelative: comparison('paid').ciRelative,
        },
      });
    });
    // The second iteration learned more than the first.
    expect(res.body.iterations[1].primary!.relativeLift!).toBeGreaterThan(res.body.iterations[0].primary!.relativeLift!);
    expect(res.body.iterations[2]).toMatchObject({ version: 3, experimentKey: null, analysisId: null, primary: null, businessOutcome: null });
  });

  it('answers 404 for an unknown hypothesis', async () => {
    expect((await t.api('GET', '/hypotheses/00000000-0000-4000-8000-000000000000/iterations')).status).toBe(404);
    expect((await t.api('GET', '/hypotheses/not-a-uuid/iterations')).status).toBe(404);
  });
});
