import { assignVariant, hashUnitId, type HypothesisIterations, type Results } from '@verdict/shared';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { finalAnalysis, runAnalysis, runningExperiment, sendEvents, sendExposures } from '../support/send';

// GET /hypotheses/:id/iterations: each version's primary and business-outcome lifts, from the
// latest analysis of the experiment that tested it.

const HOUR = 3600 * 1000;

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
    const { experiment: config, salt } = await runningExperiment(t, experimentKey);
    const now = Date.now() - HOUR;
    const exposures: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    let i = 0;
    // Per variant, the k-th unit reaches a step when (k·7) mod 20 is below 20 × the rate: exact
    // shares, whatever the bucketing (the keys, hence the split, differ on every run).
    const seen = { control: 0, treatment: 0 };
    for (let n = 0; n < 400; n++) {
      const unitId = `${experimentKey}-u${n}`;
      const evaluation = assignVariant(config, unitId, {}, hashUnitId(salt, unitId));
      if (!evaluation.inExperiment) continue;
      exposures.push({ experimentKey, unitId, variantKey: evaluation.variantKey, assignedAt: new Date(now - HOUR).toISOString() });
      const variant = evaluation.variantKey as 'control' | 'treatment';
      const [activation, payment] = rates[variant];
      const k = seen[variant]++;
      const send = (stepKey: string) =>
        events.push({ id: `${unitId}-${i++}`, unitId, flowKey, stepKey, outcome: 'aligned', occurredAt: new Date(now).toISOString() });
      send('visit');
      if ((k * 7) % 20 < activation * 20) send('activated');
      if ((k * 11) % 20 < payment * 20) send('paid');
    }
    await sendExposures(t, exposures);
    await sendEvents(t, events);
    await runAnalysis(t, experimentKey);
    expect((await t.api('POST', `/experiments/${experimentKey}/pause`)).status).toBe(200);
    const results = (await t.api<Results>('GET', `/experiments/${experimentKey}/results`)).body;
    tested.push({ experimentKey, results });
    // Stopping queues a final analysis; wait for it, so the latest analysis is settled.
    expect((await t.api('POST', `/experiments/${experimentKey}/stop`)).status).toBe(200);
    const final = await finalAnalysis(t, experimentKey);
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
