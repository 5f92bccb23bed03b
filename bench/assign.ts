// Assignment throughput (targets in docs/performance.md): 32 connections, a new unit on every request (a durable
// insert per call), against a bare Fastify hello-world measured in the same run; then the p99
// latency at half the measured assignment rate; then a check that every 200 left exactly one row.
//   npm run bench:assign            (BENCH_DURATION=10 seconds per phase by default)
import autocannon from 'autocannon';
import { Client } from 'pg';
import { BENCH_DATABASE_URL, seed, startServer } from './bench-app';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 32;

interface Phase {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
}

async function load(options: autocannon.Options): Promise<Phase> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  const bare = await startServer('bare', 3901);
  await load({ url: bare.url, duration: 2 }); // warm-up
  const bareResult = await load({ url: bare.url });
  // Reference only (the target is against the hello-world): a bare Fastify POST with a JSON body.
  const barePost = await load({
    url: `${bare.url}/echo`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ experimentKey: 'bench-exp', unitId: `unit-${Date.now().toString(36)}-0`, attributes: { plan: 'pro' } }),
  });
  await bare.stop();

  const app = await startServer('app', 3902);
  const { experimentKey, sdkKey } = await seed(app.url);
  let counter = 0;
  const runId = Date.now().toString(36);
  const assignRequest = (rate?: number): autocannon.Options => ({
    url: `${app.url}/api/v1/assignments`,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${sdkKey}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ experimentKey, unitId: `unit-${runId}-${counter++}`, attributes: { plan: 'pro' } }),
        }),
      },
    ],
  });
  const warm = await load({ ...assignRequest(), duration: 2 }); // warm-up (JIT, pool, caches)
  const full = await load(assignRequest());
  const half = await load(assignRequest(Math.max(1, Math.round(full.requestsPerSecond / 2))));

  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  const { rows } = await db.query(
    `SELECT count(*)::int AS rows, count(DISTINCT unit_id)::int AS units FROM assignments a JOIN experiments e ON e.id = a.experiment_id WHERE e.key = $1`,
    [experimentKey],
  );
  await db.end();
  await app.stop();

  const ratio = full.requestsPerSecond / bareResult.requestsPerSecond;
  // Every request carried a new unit, so every 200 must have left its own row (requests cut off
  // by the end of a phase may add a few rows nobody saw acknowledged).
  const acknowledged = warm.ok + full.ok + half.ok;
  const report = {
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    app: 'real app from TypeScript source via ts-node (transpile-only), sdk-scope API key, worker off',
    bareFastify: { reqPerSec: round(bareResult.requestsPerSecond), p50Ms: bareResult.p50, p99Ms: bareResult.p99 },
    bareFastifyJsonPost: { reqPerSec: round(barePost.requestsPerSecond), p50Ms: barePost.p50, p99Ms: barePost.p99 },
    assignment: { reqPerSec: round(full.requestsPerSecond), p50Ms: full.p50, p99Ms: full.p99, errors: full.errors },
    ratio: Number(ratio.toFixed(3)),
    ratioToJsonPost: Number((full.requestsPerSecond / barePost.requestsPerSecond).toFixed(3)),
    atHalfRate: { targetReqPerSec: Math.round(full.requestsPerSecond / 2), reqPerSec: round(half.requestsPerSecond), p50Ms: half.p50, p99Ms: half.p99, errors: half.errors },
    durability: { acknowledged, rowsStored: rows[0].rows, distinctUnits: rows[0].units },
    targets: {
      ratioAtLeast50Percent: ratio >= 0.5,
      p99AtHalfRateAtMost20ms: half.p99 <= 20,
      everyAcknowledgedAssignmentStored: rows[0].rows >= acknowledged && rows[0].rows <= counter,
    },
  };
  console.log(`bare Fastify      ${fmt(bareResult)}`);
  console.log(`bare JSON POST    ${fmt(barePost)} (reference: Fastify alone, same body and answer shapes)`);
  console.log(`POST /assignments ${fmt(full)}`);
  console.log(`ratio             ${(ratio * 100).toFixed(1)} % of bare Fastify (target ≥ 50 %); ${((100 * full.requestsPerSecond) / barePost.requestsPerSecond).toFixed(1)} % of the bare JSON POST`);
  console.log(`at half rate      ${fmt(half)} (target p99 ≤ 20 ms)`);
  console.log(`durability        ${rows[0].rows} rows for ${acknowledged} acknowledged new units (${counter} sent)`);
  console.log(JSON.stringify(report, null, 2));
}

const round = (n: number) => Math.round(n);
const fmt = (p: Phase) => `${round(p.requestsPerSecond).toString().padStart(7)} req/s  p50 ${p.p50} ms  p99 ${p.p99} ms  errors ${p.errors}`;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
