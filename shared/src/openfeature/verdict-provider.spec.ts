import { OpenFeature, ProviderEvents, type EvaluationContext } from '@openfeature/server-sdk';
import { OpenFeature as WebOpenFeature } from '@openfeature/web-sdk';
import type { SdkConfig } from '../api';
import { evaluateUnforced } from '../bucketing/assign-variant';
import { hashUnitId, unitIdTag } from '../bucketing/unit-id-hash';
import { LocalEvaluator } from '../sdk/local-evaluator';
import type { FetchLike } from '../sdk/transport';
import { VerdictProvider } from './verdict-provider';
import { VerdictWebProvider } from './verdict-web-provider';

// The providers with the real OpenFeature SDKs and a stub server: GET /sdk/config answers the
// configuration below, POST /events and /exposures are recorded. (test/e2e/openfeature runs
// them against a real Verdict.)

const SALT = 'spec-salt';
const VARIANTS = [
  { key: 'control', weight: 0.5, control: true },
  { key: 'treatment', weight: 0.5, control: false },
];
function configWith(status: 'running' | 'paused'): SdkConfig {
  return {
    version: status,
    generatedAt: '2026-12-06T00:00:00.000Z',
    configSalt: SALT,
    unitIdTags: [unitIdTag(SALT, 'qa-1')],
    experiments: [
      { key: 'split', seed: 's', status, variants: VARIANTS, coverage: 0.5, targeting: [], forcedVariants: {} },
      {
        key: 'targeted',
        seed: 't',
        status: 'running',
        variants: VARIANTS,
        coverage: 1,
        targeting: [{ key: 'smb', rules: [{ attribute: 'employees', op: 'lt', value: 50 }], members: [] }],
        forcedVariants: { [hashUnitId(SALT, 'qa-1')]: 'treatment' },
      },
    ],
  };
}

function stubServer() {
  const state = { config: configWith('running'), posted: [] as { path: string; body: any }[] };
  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname.replace('/api/v1', '');
    if (init?.method === 'GET') return new Response(JSON.stringify(state.config), { status: 200, headers: { etag: `"${state.config.version}"` } });
    state.posted.push({ path, body: JSON.parse(String(init?.body)) });
    return new Response(JSON.stringify({ accepted: 1, rejected: [], duplicates: 0 }), { status: 202 });
  };
  return { state, fetch };
}

// Units whose place the bucketing gives, found with the shared function itself.
const units = Array.from({ length: 200 }, (_, i) => `u-${i}`);
const splitOf = (unitId: string) => evaluateUnforced({ seed: 's', variants: VARIANTS, coverage: 0.5 }, unitId);
const treated = units.find((u) => splitOf(u).variantKey === 'treatment')!;
const controlled = units.find((u) => splitOf(u).variantKey === 'control')!;
const outside = units.find((u) => splitOf(u).reason === 'not_in_coverage')!;

describe('VerdictProvider with @openfeature/server-sdk', () => {
  const server = stubServer();
  const errors: unknown[] = [];
  const provider = new VerdictProvider({ baseUrl: 'http://verdict.test', apiKey: 'k', fetch: server.fetch, refreshIntervalMs: 0, onError: (e) => errors.push(e) });
  const client = () => OpenFeature.getClient('spec');

  beforeAll(() => OpenFeature.setProviderAndWait('spec', provider));
  afterAll(() => OpenFeature.close());

  it('resolves variant keys with SPLIT, TARGETING_MATCH, DEFAULT, and the two error codes', async () => {
    const details = (flag: string, context: EvaluationContext) => client().getStringDetails(flag, 'fallback', context);
    expect(await details('split', { targetingKey: treated })).toMatchObject({ value: 'treatment', variant: 'treatment', reason: 'SPLIT' });
    expect(await details('split', { targetingKey: outside })).toMatchObject({
      value: 'control',
      reason: 'DEFAULT',
      flagMetadata: { inExperiment: false, assignmentReason: 'not_in_coverage' },
    });
    expect(await details('targeted', { targetingKey: 'u-x', employees: 10 })).toMatchObject({ reason: 'TARGETING_MATCH' });
    expect(await details('targeted', { targetingKey: 'u-x', employees: 500 })).toMatchObject({ value: 'control', reason: 'DEFAULT' });
    expect(await details('targeted', { targetingKey: 'qa-1', employees: 500 })).toMatchObject({
      value: 'treatment',
      reason: 'TARGETING_MATCH',
      flagMetadata: { assignmentReason: 'forced' },
    });
    expect(await details('nope', { targetingKey: 'u' })).toMatchObject({ value: 'fallback', errorCode: 'FLAG_NOT_FOUND' });
    expect(await details('split', {})).toMatchObject({ value: 'fallback', errorCode: 'TARGETING_KEY_MISSING' });
  });

  it('maps booleans (control → false, treatment → true) and reports each exposure once', async () => {
    expect(await client().getBooleanValue('split', true, { targetingKey: controlled })).toBe(false);
    expect(await client().getBooleanValue('split', false, { targetingKey: treated })).toBe(true);
    expect(await client().getBooleanValue('split', true, { targetingKey: outside })).toBe(false);
    await provider.evaluator.flush();
    const exposed = server.state.posted.filter((p) => p.path === '/exposures').flatMap((p) => p.body.exposures);
    expect(exposed.filter((e: any) => e.experimentKey === 'split').map((e: any) => [e.unitId, e.variantKey])).toEqual([
      [treated, 'treatment'],
      [controlled, 'control'],
    ]);
  });

  it('sends track() as a step event and reports what it cannot send', async () => {
    client().track('checkout:pay', { targetingKey: 'u-7' }, { outcome: 'aligned', id: 'evt-1', amount: 12 });
    client().track('checkout', { targetingKey: 'u-7' }, { outcome: 'aligned' });
    await provider.evaluator.flush();
    const events = server.state.posted.filter((p) => p.path === '/events').flatMap((p) => p.body.events);
    expect(events).toEqual([
      { id: 'evt-1', unitId: 'u-7', flowKey: 'checkout', stepKey: 'pay', outcome: 'aligned', occurredAt: expect.any(String), properties: { amount: 12 } },
    ]);
    expect(String(errors.at(-1))).toContain('must be "flowKey:stepKey"');
  });

  it('emits PROVIDER_CONFIGURATION_CHANGED with the changed keys when a refresh sees a pause', async () => {
    const changed = new Promise<unknown>((resolve) => client().addHandler(ProviderEvents.ConfigurationChanged, (d) => resolve(d?.flagsChanged)));
    server.state.config = configWith('paused');
    await provider.evaluator.refresh();
    expect(await changed).toEqual(['split']);
    expect(await client().getStringDetails('split', 'x', { targetingKey: treated })).toMatchObject({ value: 'control', reason: 'DEFAULT' });
  });
});

describe('VerdictWebProvider with @openfeature/web-sdk', () => {
  const server = stubServer();
  const evaluator = new LocalEvaluator({ baseUrl: 'http://verdict.test', apiKey: 'k', fetch: server.fetch, refreshIntervalMs: 0 });
  const client = () => WebOpenFeature.getClient('spec');

  beforeAll(async () => {
    await WebOpenFeature.setContext({ targetingKey: treated });
    await WebOpenFeature.setProviderAndWait('spec', new VerdictWebProvider(evaluator));
  });
  afterAll(async () => {
    await WebOpenFeature.close();
    await evaluator.close();
  });

  it('resolves synchronously against the static context, on an evaluator it was given', async () => {
    expect(client().getStringDetails('split', 'fallback')).toMatchObject({ value: 'treatment', reason: 'SPLIT' });
    expect(client().getBooleanValue('split', false)).toBe(true);
    await WebOpenFeature.setContext({ targetingKey: outside });
    expect(client().getStringDetails('split', 'fallback')).toMatchObject({ value: 'control', reason: 'DEFAULT' });
    expect(client().getNumberDetails('split', 3)).toMatchObject({ value: 3, errorCode: 'TYPE_MISMATCH' });
    client().track('checkout:pay', { outcome: 'deviated' });
    await evaluator.flush();
    const events = server.state.posted.filter((p) => p.path === '/events').flatMap((p) => p.body.events);
    expect(events.map((e: any) => [e.unitId, e.flowKey, e.stepKey, e.outcome])).toEqual([[outside, 'checkout', 'pay', 'deviated']]);
  });

  it('keeps each answer for the context and the configuration in use, and no longer', async () => {
    // The same context, asked again and again: one answer, one exposure.
    await WebOpenFeature.setContext({ targetingKey: 'u-x', employees: 10 });
    for (let i = 0; i < 3; i++) expect(client().getStringDetails('targeted', 'fallback')).toMatchObject({ reason: 'TARGETING_MATCH' });
    await evaluator.flush();
    const exposed = () => server.state.posted.filter((p) => p.path === '/exposures').flatMap((p) => p.body.exposures).filter((e: any) => e.experimentKey === 'targeted');
    expect(exposed().map((e: any) => e.unitId)).toEqual(['u-x']);
    // Another attribute for the same unit: answered anew (targeting no longer matches).
    await WebOpenFeature.setContext({ targetingKey: 'u-x', employees: 500 });
    expect(client().getStringDetails('targeted', 'fallback')).toMatchObject({ value: 'control', reason: 'DEFAULT' });
    // An error is the caller's default, never kept.
    expect(client().getStringDetails('nope', 'a').value).toBe('a');
    expect(client().getStringDetails('nope', 'b').value).toBe('b');
    // A new configuration: the experiment paused, the answer changes under the same context.
    await WebOpenFeature.setContext({ targetingKey: treated });
    expect(client().getBooleanValue('split', false)).toBe(true);
    server.state.config = configWith('paused');
    await evaluator.refresh();
    expect(client().getStringDetails('split', 'fallback')).toMatchObject({ value: 'control', reason: 'DEFAULT' });
    expect(client().getBooleanValue('split', true)).toBe(false);
    server.state.config = configWith('running');
    await evaluator.refresh();
  });

  it('answers each domain for its own context when one provider serves two', async () => {
    const provider = new VerdictWebProvider(evaluator);
    await WebOpenFeature.setContext('spec-a', { targetingKey: treated });
    await WebOpenFeature.setContext('spec-b', { targetingKey: controlled });
    await WebOpenFeature.setProviderAndWait('spec-a', provider);
    await WebOpenFeature.setProviderAndWait('spec-b', provider);
    for (let i = 0; i < 2; i++) {
      expect(WebOpenFeature.getClient('spec-a').getStringValue('split', 'fallback')).toBe('treatment');
      expect(WebOpenFeature.getClient('spec-b').getStringValue('split', 'fallback')).toBe('control');
    }
  });
});
