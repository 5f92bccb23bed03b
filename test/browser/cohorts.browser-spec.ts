import { Browser, Page } from 'playwright-core';
import { TestApp, uniqueKey } from '../support/app';
import { launchConsole, screenshots, startConsoleApp } from '../support/browser';
import { createCheckoutFlow, sendStory } from '../support/cohort-story';
import { runAnalysis } from '../support/send';

// The console's answer to "for whom did it work?": the experiment page's breakdown section
// (forest plot, units, adjusted p-values, differential-impact badges, filters) and the cohort
// expectations beside the verdict on the experiment and hypothesis pages, on data sent through
// the API with an effect for small companies only.

describe('cohort breakdown and expectations (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const suffix = uniqueKey('b').slice(2);
  const smb = `0cb-smb-${suffix}`;
  const ent = `0cb-ent-${suffix}`;
  // This run's attribute names: no other suite's cohort (nor an earlier run's) matches its units,
  // so the breakdown's Holm family is these three cohorts.
  const attr = (name: string) => `${suffix}_${name}`;
  let experimentKey = '';
  let hypothesisId = '';

  beforeAll(async () => {
    app = await startConsoleApp();
    for (const [key, name, value] of [
      [smb, 'Small companies', 'smb'],
      [ent, 'Enterprise', 'enterprise'],
    ]) {
      const created = await app.api('POST', '/cohorts', { key, name, kind: 'segment', rules: [{ attribute: attr('size'), op: 'eq', value }] });
      expect(created.status).toBe(201);
    }
    const beta = await app.api('POST', '/cohorts', {
      key: `0cb-beta-${suffix}`,
      name: 'Beta testers',
      kind: 'custom',
      rules: [{ attribute: attr('tags'), op: 'contains', value: 'beta' }],
    });
    expect(beta.status).toBe(201);
    const flowKey = await createCheckoutFlow(app);
    const hypothesis = await app.api('POST', '/hypotheses', {
      title: `One-click checkout ${suffix}`,
      statement: 'We believe that one-click checkout will increase payments by at least 20 %.',
      metricArea: 'financial_impact',
      flowKey,
      primaryStepKey: 'paid',
      expectedDirection: 'increase',
      minimumEffect: 0.2,
      cohortExpectations: [
        { cohortKey: smb, stepKey: 'paid', direction: 'increase', minimumEffect: 0.5, baselineRate: 0.2 },
        { cohortKey: ent, stepKey: 'paid', direction: 'no_harm', baselineRate: 0.2 },
      ],
      impact: 4,
      confidence: 3,
      ease: 3,
    });
    expect(hypothesis.status).toBe(201);
    hypothesisId = hypothesis.body.id;
    experimentKey = uniqueKey('co-browser');
    const created = await app.api('POST', '/experiments', {
      key: experimentKey,
      name: 'One-click checkout',
      hypothesisId,
      variants: [
        { key: 'control', weight: 0.5, control: true },
        { key: 'treatment', weight: 0.5 },
      ],
      seed: 'cohorts-browser',
      baselineRate: 0.2,
      plannedSampleSize: 5000,
      varianceReduction: { method: 'none' },
    });
    expect(created.status).toBe(201);
    await sendStory(app, { experimentKey, flowKey, unitIds: Array.from({ length: 3000 }, (_, i) => `cb-u${i}`), seed: 7, attributePrefix: attr('') });
    await runAnalysis(app, experimentKey);
    ({ browser, page } = await launchConsole(app));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const shot = screenshots('cohorts', () => page);

  it('shows every cohort’s lift with its interval, units, adjusted p and the differential-impact badge', async () => {
    await page.goto(`${app.baseUrl}/experiments/${experimentKey}`);
    const section = page.getByTestId('breakdown');
    await section.waitFor();
    // The forest plot is drawn (one point per cohort with an interval).
    await section.locator('figure.chart svg .recharts-scatter-symbol').first().waitFor();
    const smbRow = section.locator(`tr[data-cohort="${smb}"]`);
    const entRow = section.locator(`tr[data-cohort="${ent}"]`);
    await smbRow.waitFor();
    expect(await section.getByLabel('Step').inputValue()).toBe('paid');
    expect(await smbRow.getByTestId('differential-badge').count()).toBe(1);
    expect(await entRow.getByTestId('differential-badge').count()).toBe(1);
    expect(await section.locator(`tr[data-cohort="0cb-beta-${suffix}"]`).getByTestId('differential-badge').count()).toBe(0);
    // The PM's sentence, and the units per variant from the API.
    await section.getByTestId('differential-summaries').getByText(/in Small companies differs from the rest/).waitFor();
    const breakdown = await app.api('GET', `/experiments/${experimentKey}/breakdown`);
    expect(breakdown.body.cohorts.map((row: { cohortKey: string }) => row.cohortKey).sort()).toEqual([`0cb-beta-${suffix}`, ent, smb]);
    const apiSmb = breakdown.body.cohorts.find((row: { cohortKey: string }) => row.cohortKey === smb);
    const cells = await smbRow.locator('td').allTextContents();
    expect(cells[2].replace(/\D/g, '')).toBe(String(apiSmb.unitsPerVariant.control));
    expect(cells[3].replace(/\D/g, '')).toBe(String(apiSmb.unitsPerVariant.treatment));
    await page.getByTestId('breakdown').scrollIntoViewIfNeeded();
    await shot('breakdown');

    // Filter by kind: only the custom cohorts stay.
    await section.getByLabel('Cohort kind').selectOption('custom');
    await section.locator(`tr[data-cohort="${smb}"]`).waitFor({ state: 'detached' });
    expect(await section.locator(`tr[data-cohort="0cb-beta-${suffix}"]`).count()).toBe(1);
    // Another step: every unit visits, so no cohort differs there.
    await section.getByLabel('Cohort kind').selectOption('all');
    await section.getByLabel('Step').selectOption('visit');
    await section.getByRole('figure', { name: /per cohort on visit,/ }).waitFor();
    await section.locator(`tr[data-cohort="${smb}"]`).waitFor();
    expect(await section.getByTestId('differential-badge').count()).toBe(0);
  }, 60_000);

  it('shows each expectation’s status beside the verdict, on the experiment and the hypothesis page', async () => {
    await page.goto(`${app.baseUrl}/experiments/${experimentKey}`);
    const verdict = page.getByTestId('verdict');
    await verdict.getByTestId('expectation').first().waitFor();
    const statuses = await verdict.getByTestId('expectation').evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
    expect(statuses).toEqual(['validated', 'running']);
    // By name, as the PM named the cohorts.
    await verdict.getByText(/validated for Small companies \(paid\); running for Enterprise \(paid\)/).waitFor();
    expect(await verdict.getByTestId('expectation').first().locator('strong').textContent()).toBe('Small companies');
    await shot('experiment-verdict');

    await page.goto(`${app.baseUrl}/hypotheses/${hypothesisId}`);
    const badges = page.getByTestId('expectations').getByTestId('expectation');
    await badges.first().waitFor();
    await page.getByTestId('expectations').locator('[data-status="validated"]').first().waitFor();
    expect(await badges.evaluateAll((items) => items.map((item) => item.getAttribute('data-status')))).toEqual(['validated', 'running']);
    // The change that validated the small companies' expectation is in the hypothesis' history.
    await page.getByTestId('expectation-history').getByText('Small companies').first().waitFor();
    await shot('hypothesis');
  }, 60_000);
});
