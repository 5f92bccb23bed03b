// Event ingestion (target, docs/performance.md: ≥ 20,000 events/s in batches of 500, deduplicated, durable):
// POST /events with pre-built batches of 500 new events from a few concurrent senders, then
// every batch once more (all duplicates), then a count in PostgreSQL.
//   npm run bench:ingest        (BENCH_EVENTS=200000, BENCH_SENDERS=8 by default)
import { Client } from 'pg';
import { BENCH_DATABASE_URL, seed, startServer } from './bench-app';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 200_000);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 8);
const BATCH = 500;

interface Outcome {
  accepted: number;
  duplicates: number;
  rejected: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

async function send(url: string, key: string, bodies: string[]): Promise<Outcome> {
  const latencies: number[] = [];
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const began = process.hrtime.bigint();
        const response = await fetch(`${url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body,
        });
        const result = (await response.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
        if (response.status !== 202) throw new Error(`POST /events: ${response.status} ${JSON.stringify(result)}`);
        latencies.push(Number(process.hrtime.bigint() - began) / 1e6);
        accepted += result.accepted;
        duplicates += result.duplicates;
        rejected += result.rejected.length;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return { accepted, duplicates, rejected, seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

async function main(): Promise<void> {
  const app = await startServer('app', 3903);
  const { flowKey, sdkKey } = await seed(app.url);
  const run = Date.now().toString(36);
  const steps = ['trigger', 'step', 'need-met'];
  const since = Date.now() - 3 * 24 * 3600_000;
  const bodies: string[] = [];
  for (let b = 0; b * BATCH < TOTAL; b++) {
    const events = Array.from({ length: BATCH }, (_, i) => {
      const n = b * BATCH + i;
      return {
        id: `${run}-${n}`,
        unitId: `unit-${n % 50_000}`,
        flowKey,
        stepKey: steps[n % 3],
        outcome: n % 7 === 0 ? 'deviated' : 'aligned',
        occurredAt: new Date(since + n * 1000).toISOString(),
      };
    });
    bodies.push(JSON.stringify({ events }));
  }
  await send(app.url, sdkKey, bodies.slice(0, 4).map((body) => body.replace(new RegExp(`"${run}-`, 'g'), `"warm-${run}-`)));

  const fresh = await send(app.url, sdkKey, bodies);
  const resent = await send(app.url, sdkKey, bodies);
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  const { rows } = await db.query(`SELECT count(*)::int AS stored FROM step_events WHERE id LIKE $1`, [`${run}-%`]);
  await db.end();
  await app.stop();

  const rate = fresh.accepted / fresh.seconds;
  console.log(`new events     ${Math.round(rate).toLocaleString('en-US').padStart(8)} events/s  (${fresh.accepted} in ${fresh.seconds.toFixed(2)} s, batch p50 ${fresh.p50Ms} ms, p99 ${fresh.p99Ms} ms)`);
  console.log(`resent batches ${Math.round(resent.duplicates / resent.seconds).toLocaleString('en-US').padStart(8)} events/s  (${resent.duplicates} duplicates, ${resent.accepted} accepted)`);
  console.log(`stored         ${rows[0].stored} rows for ${TOTAL} distinct ids`);
  console.log(
    JSON.stringify(
      {
        app: 'real app from TypeScript source via ts-node (transpile-only), sdk-scope API key, worker off',
        batchSize: BATCH,
        senders: SENDERS,
        events: TOTAL,
        eventsPerSecond: Math.round(rate),
        batchLatencyMs: { p50: fresh.p50Ms, p99: fresh.p99Ms },
        resend: { duplicates: resent.duplicates, accepted: resent.accepted, eventsPerSecond: Math.round(resent.duplicates / resent.seconds) },
        stored: rows[0].stored,
        targets: {
          atLeast20000PerSecond: rate >= 20_000,
          deduplicated: resent.accepted === 0 && resent.duplicates === TOTAL && rows[0].stored === TOTAL,
          noneRejected: fresh.rejected === 0,
        },
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
