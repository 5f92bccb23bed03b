import { Browser, Page } from 'playwright-core';
import { DemoClient } from '../../server/src/demo/demo-client';
import { loadHealthDemo } from '../../server/src/demo/demo-health';
import { TestApp } from '../support/app';
import { launchConsole, screenshots, startConsoleApp } from '../support/browser';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

// The journeys pages in Chromium, on the demo's incident-response flow (loaded through the API,
// one persona escalated by a real health check): the insights ranking with its chart and its
// note that this is association, the cohort filter, and the health page with the escalation.

describe('journeys pages (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let flowKey: string;

  beforeAll(async () => {
    app = await startConsoleApp();
    ({ flowKey } = await loadHealthDemo(new DemoClient(app.baseUrl, TEST_ADMIN_TOKEN), true, () => undefined));
    ({ browser, page } = await launchConsole(app));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const shot = screenshots('journeys', () => page);

  it('ranks the steps by relative risk, says it is association, filters by cohort', async () => {
    await page.goto(`${app.baseUrl}/flows`);
    await page.getByRole('heading', { name: 'Customer flows' }).waitFor();
    // Each flow's card links to its pages (the list loads after the heading).
    await page.getByRole('link', { name: 'Which steps matter' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Journey health' }).count()).toBeGreaterThan(0);

    await page.goto(`${app.baseUrl}/flows/${flowKey}/insights`);
    await page.getByRole('heading', { name: 'Which steps matter: Incident response' }).waitFor();
    await page.getByText('This is association, not effect').waitFor();
    // The default outcome is the business outcome; the table ranks the other steps.
    expect(await page.locator('#insights-outcome').inputValue()).toBe('renew');
    const table = page.getByRole('table', { name: 'Steps ranked by relative risk' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(5);
    // Returning at the next alert goes with renewing in the demo data: it ranks first.
    expect(await rows.first().locator('th').textContent()).toBe('Came back at the next alert');
    await page.getByRole('figure', { name: /Relative risk of the outcome per step/ }).locator('.recharts-bar-rectangle').first().waitFor();
    await shot('insights');

    const before = await page.getByText(/customers with activity in the last 90 days/).textContent();
    await page.locator('#insights-cohort').selectOption('admins');
    await page.getByText(/customers with activity in the last 90 days in Admins/).waitFor();
    const after = await page.getByText(/customers with activity in the last 90 days in Admins/).textContent();
    expect(Number(after!.split(' ')[0].replace(/\D/g, ''))).toBeLessThan(Number(before!.split(' ')[0].replace(/\D/g, '')));
    await shot('insights-admins');
  });

  it('shows each persona against its expectation, with the escalation', async () => {
    await page.goto(`${app.baseUrl}/flows/${flowKey}/health`);
    await page.getByRole('heading', { name: 'Journey health: Incident response' }).waitFor();
    const admins = page.getByRole('article', { name: 'Admins → Reviewed the dashboard' });
    await admins.getByText(/Escalated since/).waitFor();
    await admins.getByRole('figure').locator('.recharts-line-dots circle').first().waitFor();
    const users = page.getByRole('article', { name: 'End users → Resolved the incident' });
    await users.getByText('No escalation').waitFor();
    await shot('health');

    // Check now: a new check lands and the history grows to two points per expectation.
    await page.getByRole('button', { name: 'Check now' }).click();
    await admins.locator('.recharts-line-dots circle').nth(1).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Check now' }).waitFor();
    await admins.getByText(/Escalated since/).waitFor();
    expect(await admins.locator('.recharts-line-dots circle').count()).toBe(2);
    await shot('health-after-check');
  }, 60_000);
});
