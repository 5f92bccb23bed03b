import { OpenFeature } from '@openfeature/react-sdk';
import { evaluateUnforced, type SdkConfig, type VerdictWebProvider } from '@verdict/shared';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App, startFlags } from '../../docs/examples/openfeature/checkout.react';
import { sdkGuideShows } from '../../test/support/doc-examples';

// The React example of docs/sdk.md (docs/examples/openfeature/checkout.react.tsx), as it is, with
// the real OpenFeature React and web SDKs; the server is a stub answering GET /sdk/config and
// recording what is posted (test/e2e/openfeature runs the web provider against a real Verdict).

const VARIANTS = [
  { key: 'control', weight: 0.5, control: true },
  { key: 'treatment', weight: 0.5, control: false },
];
const configWith = (status: 'running' | 'paused'): SdkConfig => ({
  version: status,
  generatedAt: '2026-12-06T00:00:00.000Z',
  configSalt: 'react-example',
  unitIdTags: [],
  experiments: [{ key: 'one-page-checkout', seed: 'react-example', status, variants: VARIANTS, coverage: 1, targeting: [], forcedVariants: {} }],
});
// A customer the bucketing puts in the treatment, found with the shared function itself.
const customer = Array.from({ length: 50 }, (_, i) => `react-customer-${i}`).find(
  (id) => evaluateUnforced({ seed: 'react-example', variants: VARIANTS, coverage: 1 }, id).variantKey === 'treatment',
)!;

describe('the React OpenFeature example of docs/sdk.md', () => {
  const server = { config: configWith('running'), posted: [] as { path: string; body: any }[] };
  // jsdom has no fetch Response: what the SDK reads of one (status, text, the ETag).
  const answer = (status: number, body: unknown, etag?: string) =>
    ({ status, ok: true, text: async () => JSON.stringify(body), headers: { get: (name: string) => (name === 'etag' ? (etag ?? null) : null) } }) as unknown as Response;
  const fetch = async (url: string, init?: RequestInit) => {
    if (init?.method === 'GET') return answer(200, server.config, `"${server.config.version}"`);
    server.posted.push({ path: new URL(url).pathname, body: JSON.parse(String(init?.body)) });
    return answer(202, { accepted: 1, rejected: [], duplicates: 0 });
  };
  const provider = () => OpenFeature.getProvider() as VerdictWebProvider;

  beforeAll(() => startFlags({ id: customer, country: 'fr' }, { baseUrl: 'http://verdict.test', apiKey: 'sdk-key', fetch, refreshIntervalMs: 0 }));
  afterAll(() => OpenFeature.close());

  it('is the code docs/sdk.md shows', () => {
    expect(sdkGuideShows('docs/examples/openfeature/checkout.react.tsx')).toBe(true);
  });

  it("renders the customer's variant, sends Pay as a step event, and follows a paused experiment", async () => {
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Pay in one page' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Pay' }));
    await provider().evaluator.flush();
    const events = server.posted.filter((p) => p.path.endsWith('/events')).flatMap((p) => p.body.events);
    expect(events.map((e: any) => [e.unitId, e.flowKey, e.stepKey, e.outcome])).toEqual([[customer, 'checkout', 'pay', 'aligned']]);
    const exposures = server.posted.filter((p) => p.path.endsWith('/exposures')).flatMap((p) => p.body.exposures);
    expect(exposures.map((e: any) => [e.unitId, e.variantKey, e.attributes])).toEqual([[customer, 'treatment', { country: 'fr' }]]);

    // Paused: the page re-renders with the control, without a reload.
    server.config = configWith('paused');
    await act(() => provider().evaluator.refresh());
    expect(await screen.findByRole('heading', { name: 'Checkout' })).toBeTruthy();
  });
});
