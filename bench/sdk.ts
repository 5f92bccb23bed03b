// Local SDK evaluation (target, docs/performance.md: ≥ 1,000,000 assignments/s on one core): a new unit on every
// call, single-threaded, through the public SDK (`LocalEvaluator.evaluate`) and the bare shared
// function (`assignVariant`), with and without cohort targeting.
//   npm run bench:sdk              (BENCH_EVALUATIONS=2000000 by default)
// From the source, not the build: the benchmark always measures the current code.
import { assignVariant, hashUnitId, LocalEvaluator, SdkConfig, unitIdTag } from '../shared/src';

const N = Number(process.env.BENCH_EVALUATIONS ?? 2_000_000);

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

function measure(label: string, evaluate: (unitId: string) => string | null): number {
  // Unit ids are built outside the timed loop so the figure is the evaluation alone.
  const ids = Array.from({ length: N }, (_, i) => `customer-${i}`);
  for (let i = 0; i < 200_000; i++) evaluate(ids[i]); // warm-up (JIT)
  let inside = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) if (evaluate(ids[i]) !== null) inside++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = N / seconds;
  console.log(`${label.padEnd(52)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} evaluations/s  (${((inside / N) * 100).toFixed(1)} % in)`);
  return perSecond;
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
  console.log(
    JSON.stringify(
      {
        evaluations: N,
        core: 'one (single-threaded loop)',
        perSecond: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(v)])),
        // Queueing an exposure happens once per unit and session; the target is the evaluation.
        targetAtLeast1M: [results.assignVariant, results.evaluate, results.evaluateTargeted].every((v) => v >= 1_000_000),
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
