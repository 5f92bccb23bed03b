// Local SDK evaluation (target, docs/performance.md: ≥ 1,000,000 assignments/s on one core): a new unit on every
// call, single-threaded, through the public SDK (`LocalEvaluator.evaluate`) and the bare shared
// function (`assignVariant`), with and without cohort targeting; then through OpenFeature
// (target ≥ 500,000/s): our providers' resolve methods alone, and the OpenFeature server and web
// clients with our provider beside the same clients with a provider that does nothing (what the
// SDKs cost on their own).
//   npm run bench:sdk              (BENCH_EVALUATIONS=2000000, BENCH_OPENFEATURE_EVALUATIONS=300000 by default)
// From the source, not the build: the benchmark always measures the current code.
import { OpenFeature, type Provider as ServerProvider } from '@openfeature/server-sdk';
import { OpenFeature as WebOpenFeature, type Provider as WebProvider } from '@openfeature/web-sdk';
import { assignVariant, hashUnitId, LocalEvaluator, SdkConfig, unitIdTag, VerdictProvider, VerdictWebProvider } from '../shared/src';

const N = Number(process.env.BENCH_EVALUATIONS ?? 2_000_000);
// The OpenFeature clients cost far more per call than the evaluation: fewer calls keep the run short.
const N_OPENFEATURE = Number(process.env.BENCH_OPENFEATURE_EVALUATIONS ?? 300_000);

// As GET /sdk/config sends it: the forced QA unit by hash, its tag listed.
const SALT = 'bench-salt-0123456789abcdef';
const config: SdkConfig = {
  version: 'bench',
  generatedAt: new Date().toISOString(),
  configSalt: SALT,
  unitIdTags: [unitIdTag(SALT, 'qa-1')],
  experiments: [
    {
      key: 'plain',
      seed: 'plain-seed',
      status: 'running',
      variants: [
        { key: 'control', weight: 0.34, control: true },
        { key: 'b', weight: 0.33, control: false },
        { key: 'c', weight: 0.33, control: false },
      ],
      coverage: 0.9,
      targeting: [],
      forcedVariants: { [hashUnitId(SALT, 'qa-1')]: 'b' },
    },
    {
      key: 'targeted',
      seed: 'targeted-seed',
      status: 'running',
      variants: [
        { key: 'control', weight: 0.5, control: true },
        { key: 'b', weight: 0.5, control: false },
      ],
      coverage: 1,
      targeting: [
        {
          key: 'smb-eu',
          rules: [
            { attribute: 'employees', op: 'lt', value: 50 },
            { attribute: 'country', op: 'in', value: ['FR', 'DE', 'ES', 'IT'] },
          ],
          members: [],
        },
      ],
      forcedVariants: {},
    },
  ],
};

function measure(label: string, evaluate: (unitId: string) => string | null, n = N): number {
  // Unit ids are built outside the timed loop so the figure is the evaluation alone.
  const ids = Array.from({ length: n }, (_, i) => `customer-${i}`);
  for (let i = 0; i < Math.min(200_000, n); i++) evaluate(ids[i]); // warm-up (JIT)
  let inside = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (evaluate(ids[i]) !== null) inside++;
  return report(label, n, start, inside);
}

/** The same for an asynchronous evaluation, awaited one after the other as a request handler would. */
async function measureAsync(label: string, evaluate: (unitId: string) => Promise<string | null>, n: number): Promise<number> {
  const ids = Array.from({ length: n }, (_, i) => `customer-${i}`);
  for (let i = 0; i < Math.min(50_000, n); i++) await evaluate(ids[i]);
  let inside = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if ((await evaluate(ids[i])) !== null) inside++;
  return report(label, n, start, inside);
}

function report(label: string, n: number, start: bigint, inside: number): number {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = n / seconds;
  console.log(`${label.padEnd(60)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} evaluations/s  (${((inside / n) * 100).toFixed(1)} % in)`);
  return perSecond;
}

const resolved = { value: 'control', reason: 'STATIC' } as const;
/** A provider that answers at once without looking at anything: the OpenFeature SDKs' own cost. */
const noopServer: ServerProvider = {
  metadata: { name: 'no-op' },
  resolveStringEvaluation: async () => resolved,
  resolveBooleanEvaluation: async () => ({ value: false }),
  resolveNumberEvaluation: async () => ({ value: 0 }),
  resolveObjectEvaluation: async <T>(_key: string, value: T) => ({ value }),
};
const noopWeb: WebProvider = {
  metadata: { name: 'no-op' },
  resolveStringEvaluation: () => resolved,
  resolveBooleanEvaluation: () => ({ value: false }),
  resolveNumberEvaluation: () => ({ value: 0 }),
  resolveObjectEvaluation: <T>(_key: string, value: T) => ({ value }),
};

async function openFeature(): Promise<Record<string, number>> {
  const options = { baseUrl: 'http://127.0.0.1:1', apiKey: 'bench', refreshIntervalMs: 0, trackExposures: false };
  const server = new VerdictProvider(options);
  server.evaluator.load(config);
  const web = new VerdictWebProvider(options);
  web.evaluator.load(config);
  // Loaded already, so initialize() fetches nothing.
  await OpenFeature.setProviderAndWait('verdict', server);
  await OpenFeature.setProviderAndWait('no-op', noopServer);
  await WebOpenFeature.setProviderAndWait('verdict', web);
  await WebOpenFeature.setProviderAndWait('no-op', noopWeb);
  // The web SDK evaluates against one static context (one unit per page): the web provider keeps
  // each flag's answer for it, as on a page that renders again and again.
  await WebOpenFeature.setContext({ targetingKey: 'customer-1' });
  const serverClient = OpenFeature.getClient('verdict');
  const serverNoop = OpenFeature.getClient('no-op');
  const webClient = WebOpenFeature.getClient('verdict');
  const webNoop = WebOpenFeature.getClient('no-op');
  const out = (value: string) => (value === 'control' ? null : value);
  const results = {
    webProviderAlone: measure('VerdictWebProvider.resolveStringEvaluation', (id) => out(web.resolveStringEvaluation('plain', 'x', { targetingKey: id }).value), N_OPENFEATURE),
    serverProviderAlone: await measureAsync('VerdictProvider.resolveStringEvaluation (awaited)', async (id) => out((await server.resolveStringEvaluation('plain', 'x', { targetingKey: id })).value), N_OPENFEATURE),
    webClient: measure('web SDK client.getStringValue, VerdictWebProvider', () => out(webClient.getStringValue('plain', 'x')), N_OPENFEATURE),
    webClientNoop: measure('web SDK client.getStringValue, no-op provider', () => out(webNoop.getStringValue('plain', 'x')), N_OPENFEATURE),
    serverClient: await measureAsync('server SDK client.getStringValue, VerdictProvider', async (id) => out(await serverClient.getStringValue('plain', 'x', { targetingKey: id })), N_OPENFEATURE),
    serverClientNoop: await measureAsync('server SDK client.getStringValue, no-op provider', async (id) => out(await serverNoop.getStringValue('plain', 'x', { targetingKey: id })), N_OPENFEATURE),
  };
  await Promise.all([OpenFeature.close(), WebOpenFeature.close()]);
  await Promise.all([server.evaluator.close(), web.evaluator.close()]);
  return results;
}

async function main(): Promise<void> {
  const sdk = new LocalEvaluator({
    baseUrl: 'http://127.0.0.1:1', // never called: the configuration is loaded directly
    apiKey: 'bench',
    refreshIntervalMs: 0,
    trackExposures: false,
  });
  sdk.load(config);
  // Exposure reporting on, against a stub server that accepts everything: the realistic SDK path.
  const reporting = new LocalEvaluator({
    baseUrl: 'http://bench.invalid',
    apiKey: 'bench',
    refreshIntervalMs: 0,
    flushAt: 1000,
    maxQueue: 10_000_000,
    fetch: async () => new Response('{"accepted":0,"rejected":[]}', { status: 202 }),
  });
  reporting.load(config);
  const attributes = { employees: 20, country: 'DE' };
  const plain = config.experiments[0];
  const results = {
    assignVariant: measure('assignVariant (no targeting)', (id) => assignVariant(plain, id).variantKey),
    evaluate: measure('LocalEvaluator.evaluate (no targeting)', (id) => sdk.evaluate('plain', id).variantKey),
    evaluateTargeted: measure('LocalEvaluator.evaluate (2 targeting rules)', (id) => sdk.evaluate('targeted', id, attributes).variantKey),
    evaluateReportingExposures: measure('LocalEvaluator.evaluate (+ queueing each exposure)', (id) => reporting.evaluate('plain', id).variantKey),
  };
  await Promise.all([sdk.close(), reporting.close()]);
  const viaOpenFeature = await openFeature();
  console.log(
    JSON.stringify(
      {
        evaluations: N,
        core: 'one (single-threaded loop)',
        perSecond: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(v)])),
        // Queueing an exposure happens once per unit and session; the target is the evaluation.
        targetAtLeast1M: [results.assignVariant, results.evaluate, results.evaluateTargeted].every((v) => v >= 1_000_000),
        openFeatureEvaluations: N_OPENFEATURE,
        openFeaturePerSecond: Object.fromEntries(Object.entries(viaOpenFeature).map(([k, v]) => [k, Math.round(v)])),
        // Through the clients the SDKs' own work dominates: compare each with its no-op provider.
        openFeatureTargetAtLeast500k: Object.fromEntries(
          ['webClient', 'serverClient'].map((k) => [k, viaOpenFeature[k] >= 500_000]),
        ),
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
