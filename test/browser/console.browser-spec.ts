import { Browser, Page } from 'playwright-core';
import { TestApp, uniqueKey } from '../support/app';
import { launchChromium, newConsolePage, screenshots, signIn, startConsoleApp } from '../support/browser';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

// Drives the built console (web/dist, served by the real app) in Debian's headless Chromium:
// sign in, create a flow, a hypothesis and an experiment through the forms, start it, send
// assignments and step events through the API, run the analysis from the page, and read the
// verdict and the numbers back from the console.

describe('console (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startConsoleApp();
    browser = await launchChromium();
    page = await newConsolePage(browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const shot = screenshots('console', () => page);

  /** On a failure, the page as it was is the most useful artifact. */
  const withFailureShot = (run: () => Promise<void>) => async () => {
    try {
      await run();
    } catch (error) {
      await shot('failure').catch(() => undefined);
      throw error;
    }
  };

  // The first test's experiment, which the phone-size test opens again.
  const experimentKey = uniqueKey('checklist');

  it('takes a hypothesis from the forms to its verdict, then overrides and revises it', withFailureShot(async () => {
    const flowKey = uniqueKey('onboarding').replace(/-/g, '_');
    const title = `Checklist ${flowKey}`;

    // Sign in: unauthenticated visits land on the sign-in page; a wrong key is refused.
    await page.goto(`${app.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('API key or admin token').fill('not-a-real-key-0000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That key was not recognised.').waitFor();
    await page.getByLabel('API key or admin token').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hypotheses', level: 1 }).waitFor();
    await shot('01-board-empty');

    // A flow with ordered steps.
    await page.getByRole('link', { name: 'Flows' }).click();
    await page.getByRole('link', { name: 'New flow' }).click();
    await page.locator('#flow-key').fill(flowKey);
    await page.locator('#flow-name').fill('Onboarding (browser test)');
    const steps = [
      ['signup', 'Sign-up'],
      ['connect_data', 'Connect data'],
      ['first_report', 'First report'],
    ];
    for (const [index, [key, name]] of steps.entries()) {
      await page.locator(`#step-${index}-key`).fill(key);
      await page.locator(`#step-${index}-name`).fill(name);
    }
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.waitForURL('**/flows');
    await page.getByRole('link', { name: 'Onboarding (browser test)' }).waitFor();

    // A cohort with a rule (the value typed as text becomes a number for "lt").
    const cohortKey = uniqueKey('smb');
    await page.getByRole('link', { name: 'Cohorts' }).click();
    await page.getByRole('link', { name: 'New cohort' }).click();
    await page.locator('#cohort-key').fill(cohortKey);
    await page.locator('#cohort-name').fill('Small businesses');
    await page.locator('#rule-0-attribute').fill('company_size');
    await page.locator('#rule-0-op').selectOption('lt');
    await page.locator('#rule-0-value').fill('50');
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.waitForURL('**/cohorts');
    await page.getByText('company_size lt 50').first().waitFor();
    const cohort = await app.api('GET', `/cohorts/${cohortKey}`);
    expect(cohort.body.rules).toEqual([{ attribute: 'company_size', op: 'lt', value: 50 }]);

    // A hypothesis, with the inline sample-size calculator.
    await page.getByRole('link', { name: 'Hypotheses' }).click();
    await page.getByRole('link', { name: 'New hypothesis' }).click();
    await page.locator('#hypothesis-title').fill(title);
    await page.locator('#hypothesis-flow').selectOption(flowKey);
    await page.locator('#hypothesis-statement').fill(
      'We believe that a setup checklist for new teams will increase first reports by at least 50%.',
    );
    await page.locator('#hypothesis-primary').selectOption('first_report');
    await page.locator('#hypothesis-effect').fill('50');
    await page.locator('#hypothesis-owner').fill('growth-team');
    const sampleSize = await page.getByTestId('sample-size').textContent();
    expect(sampleSize).toMatch(/units per variant/);
    await shot('02-hypothesis-form');
    await page.getByRole('button', { name: 'Create hypothesis' }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();

    // An experiment for it, then start it.
    await page.getByRole('link', { name: 'New experiment' }).click();
    await page.locator('#experiment-key').fill(experimentKey);
    await page.locator('#experiment-name').fill('Setup checklist');
    await page.locator('#experiment-baseline').fill('20');
    expect(await page.getByTestId('planned-sample-size').textContent()).toMatch(/units per variant/);
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.waitForURL(`**/experiments/${experimentKey}`);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.locator('h1 [data-status="running"]').waitFor();

    const experiment = await app.api('GET', `/experiments/${experimentKey}`);
    expect(experiment.status).toBe(200);
    expect(experiment.body.status).toBe('running');
    const planned: number = experiment.body.plannedSampleSize;
    expect(planned).toBeGreaterThan(0);

    // Traffic through the API: enough units for the plan, and a clear effect on first_report.
    const unitCount = Math.max(600, Math.ceil(planned * 2.4));
    const units: { unitId: string; variantKey: string }[] = [];
    for (let start = 0; start < unitCount; start += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, unitCount - start) }, (_, offset) =>
          app.api('POST', '/assignments', { experimentKey, unitId: `${flowKey}-u${start + offset}` }),
        ),
      );
      for (const response of batch) {
        expect(response.status).toBe(200);
        if (response.body.inExperiment) units.push({ unitId: response.body.unitId, variantKey: response.body.variantKey });
      }
    }
    const expected: Record<string, { units: number; reached: number }> = {};
    const events: object[] = [];
    units.forEach(({ unitId, variantKey }, index) => {
      const tally = (expected[variantKey] ??= { units: 0, reached: 0 });
      tally.units += 1;
      events.push({ id: `${unitId}-signup`, unitId, flowKey, stepKey: 'signup', outcome: 'aligned' });
      // 20 % of control and 45 % of treatment units reach the first report.
      const reaches = variantKey === 'control' ? index % 20 < 4 : index % 20 < 9;
      if (reaches) {
        tally.reached += 1;
        events.push({ id: `${unitId}-report`, unitId, flowKey, stepKey: 'first_report', outcome: 'aligned' });
      }
    });
    for (let start = 0; start < events.length; start += 1000) {
      const response = await app.api('POST', '/events', { events: events.slice(start, start + 1000) });
      expect(response.status).toBe(202);
      expect(response.body.rejected).toEqual([]);
    }

    // Run the analysis from the page and wait for the verdict.
    await page.reload();
    await page.getByRole('button', { name: 'Run analysis now' }).click();
    await page.locator('[data-testid="verdict"][data-status="validated"]').waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Steps' }).waitFor();
    const treatmentRow = page.locator('tr[data-step="first_report"][data-variant="treatment"]');
    const controlRow = page.locator('tr[data-step="first_report"][data-variant="control"]');
    const treatmentText = (await treatmentRow.textContent()) ?? '';
    const controlText = (await controlRow.textContent()) ?? '';
    expect(treatmentText).toContain(expected.treatment.units.toLocaleString('en-US'));
    expect(treatmentText).toContain(expected.treatment.reached.toLocaleString('en-US'));
    expect(treatmentText).toContain('Yes, up');
    expect(controlText).toContain(expected.control.reached.toLocaleString('en-US'));
    const rate = ((100 * expected.treatment.reached) / expected.treatment.units).toFixed(1);
    expect(treatmentText).toContain(`${rate}%`);
    // The sequential chart has its first look, and the history lists the manual run.
    await page.locator('figure[aria-label="Sequential z statistic against its boundaries"] svg').first().waitFor();
    expect(await page.getByRole('region', { name: 'Analysis runs' }).textContent()).toContain('manual');
    await shot('03-experiment-validated');

    // The board shows the hypothesis as validated, with its lift.
    await page.getByRole('link', { name: 'Hypotheses' }).click();
    const card = page.getByTestId('group-validated').locator('[data-testid="hypothesis-card"]', { hasText: title });
    await card.waitFor();
    expect(await card.getByTestId('lift').textContent()).toMatch(/^\+\d/);
    expect(Number(await page.getByTestId('count-validated').locator('.count').textContent())).toBeGreaterThanOrEqual(1);
    await shot('04-board-validated');

    // On the hypothesis page: a person overrides the verdict with a note, then revises it.
    await card.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: 'Status history' }).textContent()).toContain('see the analysis');
    await page.getByRole('button', { name: 'Override verdict' }).click();
    await page.locator('#override-status').selectOption('inconclusive');
    await page.locator('#override-note').fill('The lift came from a launch-week spike; we do not trust it yet.');
    await page.getByRole('button', { name: 'Save verdict' }).click();
    await page.locator('h1 [data-status="inconclusive"]').waitFor();
    expect(await page.getByRole('region', { name: 'Status history' }).textContent()).toContain('launch-week spike');
    // Revising needs the experiment stopped first: stop it from its page (with the confirmation).
    await page.getByRole('region', { name: 'Experiments' }).getByRole('link', { name: 'Setup checklist' }).click();
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Confirm stop' }).click();
    await page.locator('h1 [data-status="stopped"]').waitFor();
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: title }).click();
    await page.getByRole('button', { name: 'Revise' }).click();
    await page.locator('#revise-effect').fill('30');
    await page.locator('#revise-note').fill('Smaller effect worth detecting');
    await page.getByRole('button', { name: 'Save version 2' }).click();
    await page.locator('h1 [data-status="draft"]').waitFor();
    expect(await page.getByRole('region', { name: 'Versions' }).textContent()).toContain('Version 2');
    await page.getByRole('button', { name: 'Edit details' }).click();
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await page.locator('#evidence-0-source').fill('Launch-week cohort analysis');
    await page.locator('#edit-impact').selectOption('5');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByRole('region', { name: 'Evidence' }).getByText('Launch-week cohort analysis').waitFor();
    expect(await page.getByRole('region', { name: 'Statement' }).textContent()).toContain('impact 5 × confidence 3 × ease 3');
    await shot('05-hypothesis-revised');

    // A 401 anywhere returns to sign-in.
    await page.evaluate(() => window.sessionStorage.setItem('verdict.token', 'revoked-token-000000000000'));
    await page.reload();
    await page.waitForURL('**/sign-in');
  }), 240_000);

  it('fits a phone screen: no sideways scrolling on the board, the experiment and the forms', withFailureShot(async () => {
    const phone = await newConsolePage(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    const phoneShot = screenshots('console-phone', () => phone);
    try {
      await signIn(phone, app);
      for (const [name, target, ready] of [
        ['board', '/', 'Hypotheses'],
        ['experiment', `/experiments/${experimentKey}`, 'Steps'],
        ['hypothesis-form', '/hypotheses/new', 'New hypothesis'],
        ['experiment-form', '/experiments/new', 'New experiment'],
      ]) {
        await phone.goto(`${app.baseUrl}${target}`);
        await phone.getByRole('heading', { name: ready, exact: true }).first().waitFor();
        // Wide tables scroll inside their own box; the page itself must not.
        const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
        await phoneShot(name);
      }
    } finally {
      await phone.close();
    }
  }), 120_000);
});
