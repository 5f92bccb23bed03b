import { Browser, Page } from 'playwright-core';
import { TestApp } from '../support/app';
import { launchChromium, startConsoleApp } from '../support/browser';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

// The Content-Security-Policy sent on every response (docs/api.md, "Bad input") must still let
// the console and the Swagger UI at /api/docs run: each page is loaded in Chromium, must
// render, and must report no CSP violation.

describe('security headers (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let violations: string[];

  beforeAll(async () => {
    app = await startConsoleApp();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    violations = [];
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  });
  afterEach(async () => {
    await page.close();
  });

  it('lets the console run: it renders, signs in and lists hypotheses', async () => {
    const response = await page.goto(app.baseUrl);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('API key or admin token').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /hypotheses/i }).first().waitFor();
    expect(violations).toEqual([]);
  });

  it('lets the Swagger UI at /api/docs run', async () => {
    const response = await page.goto(`${app.baseUrl}/api/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .info .title', { hasText: 'Verdict API' }).waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(violations).toEqual([]);
  });
});
