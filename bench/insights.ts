// Insights benchmark (target in docs/performance.md): 1,000,000 units with current attributes,
// a 6-step flow and 5,000,000 step events over the last 100 days, generated in SQL; then
// `GET /flows/:key/insights` as the service answers it (one statement, then the relative
// risks), for the whole population and for a cohort by current attributes. Target ≤ 10 s.
//
//   npm run bench:insights                  # full scale
//   BENCH_SCALE=0.1 npm run bench:insights  # a tenth, for development
//
// It builds its own database (BENCH_DATABASE_URL, default verdict_bench_insights) from the
// migrations and uses Redis db 14 unless BENCH_REDIS_URL says otherwise.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../server/src/app.module';
import { loadEnv } from '../server/src/config/env';
import { recreateDatabase } from '../server/src/database/migrate';
import { insightsSql } from '../server/src/journeys/insights.query';
import { JourneysService } from '../server/src/journeys/journeys.service';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/verdict_bench_insights';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const UNITS = Math.round(1_000_000 * SCALE);
const EVENTS = Math.round(5_000_000 * SCALE);
const RUNS = 3;
const DAYS = 90;

const FLOW_KEY = 'bench-workspace';
const STEPS = ['visit', 'invite', 'integrate', 'report', 'share', 'renew'];
const COHORT_KEY = 'bench-admins';

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function generate(db: DataSource): Promise<void> {
  await db.query(`INSERT INTO flows (key, name, steps) VALUES ($1, 'Workspace', $2)`, [
    FLOW_KEY,
    JSON.stringify(STEPS.map((key, i) => ({ key, name: key, kind: i === 0 ? 'trigger' : i === 5 ? 'business_outcome' : 'step' }))),
  ]);
  await db.query(`INSERT INTO cohorts (key, name, kind, rules) VALUES ($1, 'Admins', 'custom', $2)`, [
    COHORT_KEY,
    JSON.stringify([{ attribute: 'role', op: 'eq', value: 'admin' }]),
  ]);

  let started = process.hrtime.bigint();
  // Every unit has current attributes: a third are admins, seats from 1 to 50.
  await db.query(
    `INSERT INTO units (unit_id, attributes)
     SELECT 'u' || i, jsonb_build_object('role', CASE WHEN i % 3 = 0 THEN 'admin' ELSE 'end_user' END, 'seats', 1 + i % 50)
     FROM generate_series(1, $1::int) AS i`,
    [UNITS],
  );
  console.log(`  ${UNITS.toLocaleString()} units in ${(ms(started) / 1000).toFixed(1)} s`);

  started = process.hrtime.bigint();
  // Events of random units on the 6 steps over the last 100 days (a tenth fall before the
  // 90-day window), mostly aligned; units that integrate renew more often.
  await db.query(
    `INSERT INTO step_events (id, unit_id, flow_key, step_key, outcome, occurred_at, received_at)
     SELECT 'e' || j, 'u' || u, $2, ($3::text[])[1 + s], CASE WHEN h % 100 < 12 THEN 'deviated' ELSE 'aligned' END,
            now() - ((h >> 8) % 8640000) * interval '1 second', now()
     FROM (
       SELECT j, u, h, CASE WHEN u % 4 = 0 AND h % 3 = 0 THEN 5 WHEN u % 4 = 0 AND h % 3 = 1 THEN 2 ELSE (h >> 4) % 6 END AS s
       FROM (SELECT j, 1 + (hashint4(j)::bigint & 2147483647) % $4 AS u, hashint4(j * 7 + 3)::bigint & 2147483647 AS h
             FROM generate_series(1, $1::int) AS j) raw
     ) picked`,
    [EVENTS, FLOW_KEY, STEPS, UNITS],
  );
  console.log(`  ${EVENTS.toLocaleString()} step events in ${(ms(started) / 1000).toFixed(1)} s`);
  started = process.hrtime.bigint();
  await db.query('VACUUM ANALYZE units');
  await db.query('VACUUM ANALYZE step_events');
  console.log(`  vacuum analyze in ${(ms(started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  console.log(`insights benchmark: ${UNITS.toLocaleString()} units, ${STEPS.length} steps, ${EVENTS.toLocaleString()} events`);
  await recreateDatabase(DATABASE_URL);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...loadEnv({ ...process.env, DATABASE_URL, REDIS_URL, LOG_LEVEL: 'warn' }), runWorker: false }),
    { logger: ['error', 'warn'] },
  );
  try {
    const db = app.get(DataSource);
    await generate(db);
    const journeys = app.get(JourneysService);
    const time = async (cohort?: string) => {
      const started = process.hrtime.bigint();
      const result = await journeys.insights(FLOW_KEY, { outcome: 'renew', days: DAYS, cohort });
      return { ms: ms(started), result };
    };

    await time(); // warm the cache
    const all: number[] = [];
    const cohort: number[] = [];
    let last = null;
    for (let run = 0; run < RUNS; run++) {
      const whole = await time();
      all.push(whole.ms);
      last = whole.result;
      cohort.push((await time(COHORT_KEY)).ms);
    }
    const now = new Date();
    const { text, values } = insightsSql(
      { flowKey: FLOW_KEY, stepKeys: STEPS, from: new Date(now.getTime() - DAYS * 86400_000), to: now, cohort: null },
      STEPS.length,
    );
    const plan: { 'QUERY PLAN': string }[] = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    console.log('\nEXPLAIN ANALYZE of the insights statement:');
    console.log(plan.map((row) => `  ${row['QUERY PLAN']}`).join('\n'));
    console.log(`\npopulation ${last!.units.toLocaleString()} units; relative risk of renewing per step:`);
    for (const step of last!.steps) {
      const ci = step.ci ? `[${step.ci[0].toFixed(3)}, ${step.ci[1].toFixed(3)}]` : '';
      console.log(`  ${step.stepKey.padEnd(10)} reached ${(step.shareReached * 100).toFixed(1)}%  RR ${step.relativeRisk?.toFixed(3) ?? '—'} ${ci}`);
    }
    const allMs = median(all);
    const cohortMs = median(cohort);
    console.log(`\nwhole population: ${all.map((t) => t.toFixed(0)).join(', ')} ms (median ${allMs.toFixed(0)} ms)`);
    console.log(`admins cohort:    ${cohort.map((t) => t.toFixed(0)).join(', ')} ms (median ${cohortMs.toFixed(0)} ms)`);
    console.log(`target ≤ 10 s: ${allMs <= 10_000 && cohortMs <= 10_000 ? 'met' : 'missed'}`);
    if (SCALE === 1 && (allMs > 10_000 || cohortMs > 10_000)) process.exitCode = 1;
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
