import type { AnalysisRecord, Breakdown, HypothesisSummary, Page, Results } from '@verdict/shared';
import { COHORT_SCENARIO } from '../../server/src/demo/demo-cohorts';
import { SCENARIOS, TRANCHES } from '../../server/src/demo/demo-data';
import { loadDemo } from '../../server/src/demo/demo-loader';
import { startTestApp, TestApp } from '../support/app';

// `npm run demo` end to end, on the test database: every story ends in its status, each started
// experiment was analysed after every tranche of its data (real looks, growing samples), and the
// pre-period behaviour the demo generates lets CUPED remove variance on the primary step.

describe('npm run demo', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    try {
      await loadDemo({ fresh: true });
    } finally {
      log.mockRestore();
    }
    t = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('loads every story with its status, each experiment analysed after each tranche, with CUPED at work', async () => {
    const flowKey = lines.map((line) => /^created flow (\S+)/.exec(line)?.[1]).find(Boolean);
    expect(flowKey).toBeDefined();
    const suffix = flowKey!.slice(flowKey!.indexOf('_') + 1);

    const hypotheses = (await t.api<Page<HypothesisSummary>>('GET', '/hypotheses?limit=500')).body.items.filter(
      (item) => item.flowKey === flowKey,
    );
    for (const scenario of [...SCENARIOS, COHORT_SCENARIO]) {
      const hypothesis = hypotheses.find((item) => item.title === scenario.hypothesis.title);
      expect({ story: scenario.slug, status: hypothesis?.status }).toEqual({ story: scenario.slug, status: scenario.expected });
      if (!scenario.experiment || scenario.experiment.draft) continue;

      const key = `demo-${scenario.slug}-${suffix}`;
      const history = await t.api<Page<AnalysisRecord>>('GET', `/experiments/${key}/analyses?limit=50`);
      const tranches = history.body.items
        .filter((record) => record.status === 'succeeded' && record.trigger === 'manual')
        .sort((a, b) => a.ranAt.localeCompare(b.ranAt));
      expect({ story: scenario.slug, analyses: tranches.length }).toEqual({ story: scenario.slug, analyses: TRANCHES });
      // Each tranche brings new units: the sample grows from one analysis to the next.
      const sizes = tranches.map((record) => Object.values(record.results!.progress.unitsPerVariant).reduce((a, b) => a + b, 0));
      for (let k = 1; k < sizes.length; k++) expect(sizes[k]).toBeGreaterThan(sizes[k - 1]);

      const results = (await t.api<Results>('GET', `/experiments/${key}/results`)).body;
      const primary = results.steps.find((step) => step.stepKey === scenario.hypothesis.primaryStepKey)!;
      // The demo's teams repeat about half of what they did before assignment (ρ ≈ 0.5–0.6):
      // CUPED removes a visible share of the variance, well above what chance alone gives.
      expect(primary.comparisons[0].cuped!.varianceReduction).toBeGreaterThan(0.05);
    }
  });

  it('tells the cohort story: small businesses apart from the rest, and each persona expectation with its own status', async () => {
    const flowKey = lines.map((line) => /^created flow (\S+)/.exec(line)?.[1]).find(Boolean)!;
    const key = `demo-${COHORT_SCENARIO.slug}-${flowKey.slice(flowKey.indexOf('_') + 1)}`;
    const breakdown = (await t.api<Breakdown>('GET', `/experiments/${key}/breakdown`)).body;
    const cohortKeys = breakdown.cohorts.map((row) => row.cohortKey);
    expect(cohortKeys).toEqual(expect.arrayContaining(['smb', 'enterprise']));
    expect(breakdown.expectations.map((e) => e.cohortKey)).toEqual(['smb', 'enterprise', 'enterprise']);
    for (const expectation of breakdown.expectations) expect(['running', 'validated', 'refuted', 'inconclusive']).toContain(expectation.status);
    const lift = (cohortKey: string) =>
      breakdown.cohorts.find((row) => row.cohortKey === cohortKey)!.steps.find((step) => step.stepKey === 'first_report')!.comparisons[0].relativeLift!;
    // Strong for small businesses, none for enterprise (seeded data: the gap is wide).
    expect(lift('smb')).toBeGreaterThan(lift('enterprise') + 0.15);
    // And the console's "Differs" badge on small businesses: their effect stands apart from the rest's.
    const impact = breakdown.cohorts.find((row) => row.cohortKey === 'smb')!.steps.find((step) => step.stepKey === 'first_report')!.comparisons[0]
      .differentialImpact;
    expect(impact.flagged).toBe(true);
    expect(impact.summary).toMatch(/^the effect of \S+ in Small businesses \(< 50 people\) differs from the rest/);
  });
});
