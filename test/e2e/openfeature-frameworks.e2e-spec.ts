import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { evaluateUnforced } from '@verdict/shared';
import { startTestApp, TestApp } from '../support/app';
import { sdkGuideShows } from '../support/doc-examples';
import { createFlow, createHypothesis, createRunningExperiment } from '../support/factories';

// The NestJS example of docs/sdk.md (docs/examples/openfeature/checkout.nest.ts), as it is, in a
// NestJS app of its own with the real OpenFeature NestJS and server SDKs, against a running Verdict.

const EXAMPLE = 'docs/examples/openfeature/checkout.nest.ts';
const VARIANTS = [
  { key: 'control', weight: 0.5, control: true },
  { key: 'treatment', weight: 0.5, control: false },
];

describe('the NestJS OpenFeature example of docs/sdk.md against a running Verdict', () => {
  let t: TestApp;
  let shop: NestFastifyApplication;
  let sdkKey = '';

  beforeAll(async () => {
    t = await startTestApp();
    // What the example names: the flow `checkout` with its step `pay`, the experiment `one-page-checkout`.
    const flow = await createFlow(t.api, {
      key: 'checkout',
      steps: [
        { key: 'cart', name: 'Opened the cart', kind: 'trigger' },
        { key: 'pay', name: 'Paid', kind: 'business_outcome', terminal: true },
      ],
    });
    const hypothesis = await createHypothesis(t.api, { flowKey: flow.key, primaryStepKey: 'pay', guardrailStepKeys: [] });
    await createRunningExperiment(t.api, { key: 'one-page-checkout', hypothesisId: hypothesis.id, coverage: 1, seed: 'nest-example', variants: VARIANTS });
    sdkKey = (await t.api('POST', '/api-keys', { name: 'nest example', scope: 'sdk' })).body.key;

    process.env.VERDICT_URL = t.baseUrl;
    process.env.VERDICT_SDK_KEY = sdkKey;
    // Imported only now: the example reads its environment when its module is declared.
    const { CheckoutModule } = await import('../../docs/examples/openfeature/checkout.nest');
    const moduleRef = await Test.createTestingModule({ imports: [CheckoutModule] }).compile();
    shop = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await shop.init();
    await shop.getHttpAdapter().getInstance().ready();
    // The module sets the provider without waiting: wait for its first configuration.
    await new Promise((resolve) => OpenFeature.addHandler(ProviderEvents.Ready, resolve));
  });

  afterAll(async () => {
    await shop?.close();
    await OpenFeature.close();
    await t?.close();
  });

  it('is the code docs/sdk.md shows', () => {
    expect(sdkGuideShows(EXAMPLE)).toBe(true);
  });

  it("gives each request's customer the variant POST /assignments gives, as a layout", async () => {
    const customers = Array.from({ length: 20 }, (_, i) => `nest-customer-${i}`);
    const layouts: string[] = [];
    for (const customer of customers) {
      const page = await shop.inject({ method: 'GET', url: '/checkout', headers: { 'x-customer-id': customer } });
      expect(page.statusCode).toBe(200);
      const { layout } = page.json() as { layout: string };
      layouts.push(layout);
      // The bucketing computed here, and the server's answer for the same unit.
      const expected = evaluateUnforced({ seed: 'nest-example', variants: VARIANTS, coverage: 1 }, customer).variantKey;
      const assignment = await t.api('POST', '/assignments', { experimentKey: 'one-page-checkout', unitId: customer }, sdkKey);
      expect(assignment.status).toBe(200);
      expect([customer, layout, assignment.body.variantKey]).toEqual([customer, expected === 'treatment' ? 'one-page' : 'classic', expected]);
    }
    // Both layouts occur among twenty customers (the split is 50/50).
    expect(new Set(layouts)).toEqual(new Set(['one-page', 'classic']));
  });

  it('stores the payment as an aligned step event of the request’s customer', async () => {
    const paid = await shop.inject({ method: 'POST', url: '/checkout/paid', headers: { 'x-customer-id': 'nest-payer' } });
    expect(paid.statusCode).toBe(204);
    // Closing OpenFeature flushes what the provider queued.
    await OpenFeature.close();
    const rows = await t.dataSource.query(`SELECT flow_key, step_key, outcome FROM step_events WHERE unit_id = $1`, ['nest-payer']);
    expect(rows).toEqual([{ flow_key: 'checkout', step_key: 'pay', outcome: 'aligned' }]);
  });
});
