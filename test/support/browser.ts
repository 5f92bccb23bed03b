import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { startTestApp, TestApp } from './app';
import { TEST_ADMIN_TOKEN } from './test-env';

// What every browser spec does before it drives the console: serve the built console from the
// real app, launch Debian's headless Chromium, sign in, and keep screenshots in test-artifacts/.

const ROOT = path.join(__dirname, '..', '..');
const WEB_DIST = path.join(ROOT, 'web', 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The real app serving the built console (web/dist, which must have been built). */
export async function startConsoleApp(): Promise<TestApp> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build -w web` before the browser tests');
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // From source, the app's default console folder is relative to its compiled layout: say where it is.
  return startTestApp({ VERDICT_WEB_DIST: WEB_DIST });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page in its own context (its own session storage), desktop-sized unless told otherwise. */
export async function newConsolePage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  page.setDefaultTimeout(15_000);
  return page;
}

/** Signs in through the sign-in page (as the admin unless another key is given) and waits for the board. */
export async function signIn(page: Page, app: TestApp, key: string = TEST_ADMIN_TOKEN): Promise<void> {
  await page.goto(`${app.baseUrl}/sign-in`);
  await page.getByLabel('API key or admin token').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Hypotheses', level: 1 }).waitFor();
}

/** Chromium with one desktop page signed in as the admin. */
export async function launchConsole(app: TestApp): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await newConsolePage(browser);
  await signIn(page, app);
  return { browser, page };
}

/** Full-page screenshots named `<prefix>-<name>.png` in test-artifacts/ (the page is read at each call). */
export function screenshots(prefix: string, page: () => Page): (name: string) => Promise<Buffer> {
  return (name) => page().screenshot({ path: path.join(ARTIFACTS, `${prefix}-${name}.png`), fullPage: true });
}
