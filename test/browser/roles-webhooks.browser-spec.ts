import { Browser, Page } from 'playwright-core';
import { TestApp } from '../support/app';
import { launchChromium, newConsolePage, screenshots, signIn, startConsoleApp } from '../support/browser';
import { createFlow, createHypothesis, createRunningExperiment } from '../support/factories';
import { TEST_ADMIN_TOKEN } from '../support/test-env';
import { WebhookReceiver } from '../support/webhook-receiver';

// The console by role: an admin manages webhooks (the secret shown once, a test send, the
// delivery log); a viewer sees every page without a single button or link that would change
// something.


/** Names of controls that change something; none may be visible to a viewer. */
const WRITE_CONTROL =
  /^(new |add |create |edit\b|revise\b|override\b|archive\b|start\b|resume\b|pause\b|stop\b|run analysis|save\b|delete\b|revoke\b|send test|confirm\b)/i;

describe('console by role (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startConsoleApp();
    receiver = await new WebhookReceiver().start();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    for (const webhook of (await app.api('GET', '/webhooks')).body.items) await app.api('DELETE', `/webhooks/${webhook.id}`);
    await browser?.close();
    await receiver?.close();
    await app?.close();
  });

  async function signedIn(key: string): Promise<Page> {
    const page = await newConsolePage(browser);
    await signIn(page, app, key);
    return page;
  }

  it('lets an admin add a webhook, see its secret once, send a test and read the deliveries', async () => {
    const page = await signedIn(TEST_ADMIN_TOKEN);
    await page.getByTestId('signed-in-as').getByText('admin', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();

    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel(/experiment\.srm_detected/).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByTestId('new-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    const card = page.getByRole('article', { name: `Webhook ${receiver.url}` });
    await card.getByRole('button', { name: 'Send test' }).click();
    await card.getByTestId('test-result').getByText(/Test event: 200/).waitFor();
    await receiver.waitFor((request) => request.body?.type === 'webhook.test');
    await card.getByRole('table', { name: `Deliveries to ${receiver.url}` }).getByText('webhook.test').waitFor();
    await page.getByText('How to verify the signature').click();
    await page.getByRole('heading', { name: 'Python' }).waitFor();
    await screenshots('console', () => page)('webhooks');

    // The secret is not shown again once the page is left.
    await page.getByRole('link', { name: 'Hypotheses' }).click();
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await card.waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it("shows a viewer every page without a write button", async () => {
    const flow = await createFlow(app.api);
    const hypothesis = await createHypothesis(app.api, { flowKey: flow.key, title: 'Seen by a viewer' });
    const experiment = await createRunningExperiment(app.api, { hypothesisId: hypothesis.id });
    const viewerKey = (await app.api('POST', '/api-keys', { name: 'Product manager', scope: 'viewer' })).body.key;
    const page = await signedIn(viewerKey);
    await page.getByTestId('signed-in-as').getByText('viewer', { exact: true }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('Product manager');

    const writeControls = async (): Promise<string[]> => {
      const names = await page.locator('button:visible, a:visible').evaluateAll((elements) =>
        elements.map((element) => (element.getAttribute('aria-label') ?? element.textContent ?? '').trim()),
      );
      return names.filter((name) => WRITE_CONTROL.test(name));
    };

    const visits: [string, string][] = [
      ['/', 'Seen by a viewer'],
      [`/hypotheses/${hypothesis.id}`, 'Seen by a viewer'],
      ['/experiments', experiment.name],
      [`/experiments/${experiment.key}`, experiment.name],
      ['/flows', flow.name],
      [`/flows/${flow.key}`, 'Steps'],
      ['/cohorts', 'Cohorts'],
    ];
    for (const [url, text] of visits) {
      await page.goto(`${app.baseUrl}${url}`);
      await page.getByText(text).first().waitFor();
      await page.getByTestId('signed-in-as').waitFor();
      expect([url, await writeControls()]).toEqual([url, []]);
    }
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);

    // Typed in by hand, an admin page explains instead of offering a form.
    await page.goto(`${app.baseUrl}/settings/webhooks`);
    await page.getByText('Not available to your key').waitFor();
    await page.goto(`${app.baseUrl}/hypotheses/new`);
    await page.getByText('Not available to your key').waitFor();
    expect(await writeControls()).toEqual([]);
  });
});
