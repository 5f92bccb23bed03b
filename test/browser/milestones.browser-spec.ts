import { Browser, Page } from 'playwright-core';
import { assignVariant, hashUnitId } from '@verdict/shared';
import { TestApp, uniqueKey } from '../support/app';
import { launchConsole, screenshots, startConsoleApp } from '../support/browser';
import { finalAnalysis, runAnalysis, runningExperiment, sendEvents, sendExposures } from '../support/send';

// The flow editor's milestone fields (a composite and a relative milestone made through the
// form), then the experiment page's step table on them and the hypothesis page's iterations
// chart across two analysed versions, in Debian's headless Chromium.

const DAY = 24 * 3600_000;

describe('milestones and iterations (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startConsoleApp();
    ({ browser, page } = await launchConsole(app));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const shot = screenshots('milestones', () => page);

  /** An experiment on the hypothesis' current version with backdated units and events, analysed once, then stopped. */
  async function iterate(hypothesisId: string, flowKey: string, version: number, treatmentCategories: number) {
    const experimentKey = uniqueKey(`tour-v${version}`);
    const created = await app.api('POST', '/experiments', {
      key: experimentKey,
      name: `Tour v${version}`,
      hypothesisId,
      variants: [
        { key: 'control', weight: 0.5, control: true },
        { key: 'treatment', weight: 0.5 },
      ],
      baselineRate: 0.3,
      plannedSampleSize: 2000,
    });
    expect(created.status).toBe(201);
    expect((await app.api('POST', `/experiments/${experimentKey}/start`)).status).toBe(200);
    const { experiment: config, salt } = await runningExperiment(app, experimentKey);
    const now = Date.now();
    const exposures: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    // Patterns by each unit's position k within its variant, so that the shares are exact whatever the split.
    const seen: Record<string, number> = { control: 0, treatment: 0 };
    for (let i = 0; i < 300; i++) {
      const unitId = `${experimentKey}-u${i}`;
      const evaluation = assignVariant(config, unitId, {}, hashUnitId(salt, unitId));
      if (!evaluation.inExperiment) continue;
      const n = seen[evaluation.variantKey!]++;
      const assignedAt = now - 10 * DAY;
      // Every tenth unit has no seat count: the relative milestone leaves it out.
      const seats = n % 10 === 0 ? undefined : 1 + (n % 3);
      exposures.push({ experimentKey, unitId, variantKey: evaluation.variantKey, assignedAt: new Date(assignedAt).toISOString(), attributes: seats ? { seats } : {} });
      const categories = evaluation.variantKey === 'treatment' ? treatmentCategories : 1;
      const send = (stepKey: string, k: number, offset: number) =>
        events.push({ id: `${unitId}-${stepKey}-${k}`, unitId, flowKey, stepKey, outcome: 'aligned', occurredAt: new Date(assignedAt + offset).toISOString() });
      send('opened', 0, 3600_000);
      // Control: 0 to 3 categories by the unit's index; the treatment adds (categories − 1).
      ['reports', 'alerts', 'dashboards'].slice(0, Math.min(3, (n % 4) + categories - 1)).forEach((stepKey, k) => send(stepKey, 0, (k + 1) * DAY));
      for (let k = 0; k < (n % 5) + categories; k++) send('sessions', k, (k + 1) * 3600_000 * 20);
      if ((n * 7) % 10 < 2 + categories) send('paid', 0, 6 * DAY);
    }
    await sendExposures(app, exposures);
    await sendEvents(app, events);
    await runAnalysis(app, experimentKey);
    return experimentKey;
  }

  it('makes composite and relative milestones in the flow editor, explains them in the step table and charts the iterations', async () => {
    try {
      // The flow editor: seven steps, a composite milestone over three of them and a per-seat one.
      const flowKey = uniqueKey('workspace').replace(/-/g, '_');
      await page.goto(`${app.baseUrl}/flows/new`);
      await page.locator('#flow-key').fill(flowKey);
      await page.locator('#flow-name').fill('Workspace (browser test)');
      const steps: [string, string, string][] = [
        ['opened', 'Opened', 'trigger'],
        ['reports', 'Reports', 'step'],
        ['alerts', 'Alerts', 'step'],
        ['dashboards', 'Dashboards', 'step'],
        ['mature', 'Mature', 'need_met'],
        ['sessions', 'Sessions per seat', 'adoption'],
        ['paid', 'Paid', 'business_outcome'],
      ];
      for (const [index, [key, name, kind]] of steps.entries()) {
        if (index >= 3) await page.getByRole('button', { name: 'Add step' }).click();
        await page.locator(`#step-${index}-key`).fill(key);
        await page.locator(`#step-${index}-name`).fill(name);
        await page.locator(`#step-${index}-kind`).selectOption(kind);
      }
      const row = (index: number) => page.locator('ol.steps-editor > li').nth(index);
      await row(4).getByLabel('Milestone', { exact: true }).check();
      await page.locator('#step-4-milestone-kind').selectOption('composite');
      const composite = page.getByRole('group', { name: 'Milestone of step 5' });
      for (const name of ['Reports', 'Alerts', 'Dashboards']) await composite.getByLabel(name).check();
      // Milestone steps are not offered to a composite milestone.
      await row(5).getByLabel('Milestone', { exact: true }).check();
      expect(await composite.getByLabel('Sessions per seat').count()).toBe(0);
      await page.locator('#step-4-at-least').fill('4');
      await page.locator('#step-4-days').fill('7');
      await page.locator('#step-5-milestone-kind').selectOption('relative');
      await page.locator('#step-5-min').fill('2');
      await page.locator('#step-5-per-attribute').fill('seats');
      await page.locator('#step-5-days').fill('7');
      await page.getByRole('button', { name: 'Create flow' }).click();
      await page.getByText('"at least" can be at most 3, the number of steps chosen.').waitFor();
      await page.locator('#step-4-at-least').fill('2');
      await shot('01-flow-editor');
      await page.getByRole('button', { name: 'Create flow' }).click();
      await page.waitForURL('**/flows');
      const flow = await app.api('GET', `/flows/${flowKey}`);
      expect(flow.body.steps[4].milestone).toEqual({ anyOf: ['reports', 'alerts', 'dashboards'], atLeast: 2, withinDays: 7 });
      expect(flow.body.steps[5].milestone).toEqual({ minEvents: 2, withinDays: 7, perAttribute: 'seats' });
      await page.getByText('milestone: at least 2 of Reports, Alerts, Dashboards within 7 days of assignment').waitFor();

      // Reopened, the editor shows what was stored.
      await page.goto(`${app.baseUrl}/flows/${flowKey}`);
      expect(await page.locator('#step-4-milestone-kind').inputValue()).toBe('composite');
      expect(await page.getByRole('group', { name: 'Milestone of step 5' }).getByLabel('Alerts').isChecked()).toBe(true);
      expect(await page.locator('#step-5-per-attribute').inputValue()).toBe('seats');

      // Two analysed versions of a hypothesis on the flow.
      const hypothesis = await app.api('POST', '/hypotheses', {
        title: `Guided tour ${flowKey}`,
        statement: 'We believe that a guided tour for new workspaces will increase maturity by at least 10 %.',
        metricArea: 'customer_engagement',
        flowKey,
        primaryStepKey: 'mature',
        expectedDirection: 'increase',
        minimumEffect: 0.1,
        impact: 3,
        confidence: 3,
        ease: 3,
      });
      expect(hypothesis.status).toBe(201);
      const first = await iterate(hypothesis.body.id, flowKey, 1, 1);
      expect((await app.api('POST', `/experiments/${first}/stop`)).status).toBe(200);
      await finalAnalysis(app, first);
      expect(
        (await app.api('POST', `/hypotheses/${hypothesis.body.id}/versions`, { statement: 'We believe that a shorter tour will increase maturity by at least 20 %.', minimumEffect: 0.2 }))
          .status,
      ).toBe(201);
      const second = await iterate(hypothesis.body.id, flowKey, 2, 2);

      // The step table says what each milestone means and how many units the relative one left out.
      await page.goto(`${app.baseUrl}/experiments/${second}`);
      const table = page.getByRole('region', { name: 'Step results' });
      await table.getByText('Milestone: at least 2 of Reports, Alerts, Dashboards within 7 days of assignment').waitFor();
      await table.getByText(/Milestone: ≥ 2 aligned events per unit of “seats”/).waitFor();
      const results = await app.api('GET', `/experiments/${second}/results`);
      const excluded = results.body.steps.find((s: { stepKey: string }) => s.stepKey === 'sessions').excluded;
      expect(excluded).toBeGreaterThan(0);
      await table.getByText(`${excluded} left out: no usable “seats” value at assignment`, { exact: false }).waitFor();
      await table.scrollIntoViewIfNeeded();
      await shot('02-step-table');

      // The hypothesis page charts both versions.
      await page.goto(`${app.baseUrl}/hypotheses/${hypothesis.body.id}`);
      const chart = page.getByRole('figure', { name: 'Lift of the primary step and the business outcome per version' });
      await chart.locator('svg.recharts-surface').first().waitFor();
      await chart.getByText('Primary step lift').waitFor();
      await chart.getByText('Business outcome lift (paid)').waitFor();
      // Two points per lift line, each with an error bar.
      expect(await chart.locator('.recharts-errorBars').count()).toBe(2);
      const rows = page.getByRole('region', { name: 'Lifts by version' }).locator('tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(0).textContent()).toContain(first);
      expect(await rows.nth(1).textContent()).toContain(second);
      const iterations = await app.api('GET', `/hypotheses/${hypothesis.body.id}/iterations`);
      expect(iterations.body.iterations[1].primary.relativeLift).toBeGreaterThan(iterations.body.iterations[0].primary.relativeLift);
      await page.getByRole('heading', { name: 'Iterations' }).scrollIntoViewIfNeeded();
      await shot('03-iterations');
    } catch (error) {
      await shot('failure').catch(() => undefined);
      throw error;
    }
  }, 180_000);
});
