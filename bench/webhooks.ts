// Webhook latency benchmark: 1,000 `verdict.changed` events (manual verdicts flipping between
// validated and refuted on a few hypotheses), each timed from its commit (the event's
// `createdAt`, stamped in the transaction that changes the status) to its arrival at a real
// HTTP receiver on 127.0.0.1. The app (API and worker in one process, as `npm start` runs it)
// lives in a child process; the receiver and the load live here.
//
//   npm run bench:webhooks
//   BENCH_EVENTS=200 npm run bench:webhooks   # fewer, for development
import { recreateDatabase } from '../server/src/database/migrate';
import { WebhookReceiver } from '../test/support/webhook-receiver';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL, call, startServer } from './bench-app';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
/** Changes in flight at once, one chain per hypothesis. */
const CHAINS = 4;
const PORT = Number(process.env.BENCH_PORT ?? 3917);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  await recreateDatabase(BENCH_DATABASE_URL);
  const Redis = (await import('ioredis')).default;
  const redis = new Redis(BENCH_REDIS_URL);
  await redis.flushdb();
  await redis.quit();

  const receiver = await new WebhookReceiver().start();
  const server = await startServer('app', PORT, { VERDICT_RUN_WORKER: 'true' });
  try {
    await call(server.url, 'POST', '/webhooks', { url: receiver.url, events: ['verdict.changed'] });
    const flowKey = `bench-wh-${Date.now().toString(36)}`;
    await call(server.url, 'POST', '/flows', {
      key: flowKey,
      name: 'Bench flow',
      steps: [
        { key: 'trigger', name: 'Trigger', kind: 'trigger' },
        { key: 'done', name: 'Done', kind: 'need_met', terminal: true },
      ],
    });
    const hypotheses: string[] = [];
    for (let i = 0; i < CHAINS; i++) {
      const hypothesis = await call(server.url, 'POST', '/hypotheses', {
        title: `Bench ${i}`,
        statement: 'We believe the benchmark will run',
        metricArea: 'solution_performance',
        flowKey,
        primaryStepKey: 'done',
        expectedDirection: 'increase',
        minimumEffect: 0.05,
        impact: 1,
        confidence: 1,
        ease: 1,
      });
      hypotheses.push(hypothesis.id);
    }

    const started = Date.now();
    const perChain = Math.ceil(EVENTS / CHAINS);
    await Promise.all(
      hypotheses.map(async (id, chain) => {
        for (let i = 0; i < perChain && chain * perChain + i < EVENTS; i++) {
          const status = i % 2 === 0 ? 'validated' : 'refuted';
          await call(server.url, 'POST', `/hypotheses/${id}/verdict`, { status, note: `bench ${i}` });
        }
      }),
    );
    const changed = Date.now();
    await receiver.waitFor((request) => request.body?.type === 'verdict.changed', EVENTS, 120_000);
    const done = Date.now();

    const latencies = receiver.received
      .filter((request) => request.body?.type === 'verdict.changed')
      .map((request) => request.at - Date.parse(request.body.createdAt))
      .sort((a, b) => a - b);
    const ids = new Set(receiver.received.map((request) => request.body?.id));
    console.log(`webhooks: ${latencies.length} verdict.changed events (${ids.size} distinct ids) from ${CHAINS} concurrent chains`);
    console.log(`  status changes: ${((EVENTS / (changed - started)) * 1000).toFixed(0)} per second; all delivered ${done - changed} ms after the last`);
    console.log(
      `  latency commit → receiver: median ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms`,
    );
  } finally {
    await server.stop();
    await receiver.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
