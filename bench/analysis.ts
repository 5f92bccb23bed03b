// Analysis benchmark (targets in docs/performance.md): 1,000,000 assigned units, 6 steps (one a milestone) and
// 5,000,000 step events generated in SQL, then one full analysis (the worker's own code path:
// aggregation, statistics, verdict, writes) timed against the bare SQL aggregation over the
// same tables in the same run. Targets: the analysis ≤ 10 s and ≤ 2× the bare SQL.
// Then the cohort breakdown: 20 cohorts (every rule operator, a focus group) over the
// attributes recorded with the assignments, counted in the same pass; target: the analysis
// with the breakdown takes at most twice the plain analysis (docs/performance.md).
//
//   npm run bench:analysis                  # full scale
//   BENCH_SCALE=0.1 npm run bench:analysis  # a tenth, for development
//
// It builds its own database (BENCH_DATABASE_URL, default verdict_bench_analysis) from the
// migrations and uses Redis db 14 unless BENCH_REDIS_URL says otherwise.
import 'reflect-metadata';
import * as fs from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../server/src/app.module';
import { AnalysisRunner } from '../server/src/analysis/analysis-runner.service';
import {
  STEP_METRICS_SETTINGS,
  stepMetricsStatement,
  StepSpec,
} from '../server/src/analysis/step-metrics.query';
import { loadEnv } from '../server/src/config/env';
import { recreateDatabase } from '../server/src/database/migrate';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/verdict_bench_analysis';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const UNITS = Math.round(1_000_000 * SCALE);
const EVENTS = Math.round(5_000_000 * SCALE);
const RUNS = 3;

const FLOW_KEY = 'bench-checkout';
const STEPS: StepSpec[] = [
  { key: 'visit' },
  { key: 'cart' },
  { key: 'checkout' },
  { key: 'pay' },
  { key: 'receipt' },
  { key: 'repeat', milestone: { minEvents: 3, withinDays: 7 } },
];
// The same events read through the other kinds of milestone: 'repeat' per seat (every
// assignment records 1–5 seats, one in ten none) and a composite "3 of the 4 middle steps".
const MILESTONE_STEPS: StepSpec[] = [
  ...STEPS.slice(0, 5),
  { key: 'repeat', milestone: { minEvents: 1, withinDays: 7, perAttribute: 'seats' } },
  { key: 'mature', milestone: { anyOf: ['cart', 'checkout', 'pay', 'receipt'], atLeast: 3, withinDays: 7 } },
];

/** CPU time (user + system) a local PostgreSQL backend has used, in ms; null when /proc is not readable. */
function backendCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The domain rows and the generated data, all in SQL. Returns the experiment id. */
async function generate(db: DataSource): Promise<string> {
  const [flow] = await db.query(
    `INSERT INTO flows (key, name, steps) VALUES ($1, 'Checkout', $2) RETURNING id`,
    [
      FLOW_KEY,
      JSON.stringify(
        STEPS.map((step, i) => ({
          key: step.key,
          name: step.key,
          kind: i === 0 ? 'trigger' : i === 4 ? 'need_met' : 'step',
          milestone: step.milestone ?? null,
        })),
      ),
    ],
  );
  const [hypothesis] = await db.query(
    `INSERT INTO hypotheses (title, metric_area, flow_id, version, status, statement, primary_step_key,
       expected_direction, minimum_effect, guardrail_step_keys, impact, confidence, ease)
     VALUES ('Bench', 'financial_impact', $1, 1, 'running', 'One-click checkout increases payments',
       'pay', 'increase', 0.05, '["receipt"]', 3, 3, 3) RETURNING id`,
    [flow.id],
  );
  await db.query(
    `INSERT INTO hypothesis_versions (hypothesis_id, version, statement, primary_step_key, expected_direction,
       minimum_effect, guardrail_step_keys)
     VALUES ($1, 1, 'One-click checkout increases payments', 'pay', 'increase', 0.05, '["receipt"]')`,
    [hypothesis.id],
  );
  const [experiment] = await db.query(
    `INSERT INTO experiments (key, name, hypothesis_id, hypothesis_version, flow_id, status, variants, seed,
       baseline_rate, planned_sample_size, planned_sample_size_without, started_at)
     VALUES ('bench-one-click', 'One-click', $1, 1, $2, 'running',
       '[{"key":"control","name":null,"weight":0.5,"control":true},{"key":"treatment","name":null,"weight":0.5,"control":false}]',
       'bench', 0.3, 2000000, 2000000, now() - interval '30 days') RETURNING id`,
    [hypothesis.id, flow.id],
  );

  let started = process.hrtime.bigint();
  // Units assigned over the last 30 days; every 1000th is a forced QA unit.
  await db.query(
    `INSERT INTO assignments (experiment_id, unit_id, variant_key, assigned_at, forced, source, attributes)
     SELECT $1, 'u' || i, CASE WHEN i % 2 = 0 THEN 'control' ELSE 'treatment' END,
            now() - interval '30 days' + (i % 2592000) * interval '1 second' * 0.97,
            i % 1000 = 0, 'bench',
            -- seats: the per-seat milestone's attribute (missing on every 10th unit); the rest: the cohorts' attributes
            CASE WHEN i % 10 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('seats', 1 + i % 5) END
            || jsonb_build_object(
              'size', (ARRAY['smb', 'mid', 'enterprise'])[1 + (hashint4(i) & 2147483647) % 3],
              'employees', (hashint4(i + 1) & 2147483647) % 500,
              'country', (ARRAY['de', 'fr', 'us', 'uk', 'es'])[1 + (hashint4(i + 2) & 2147483647) % 5],
              'plan', CASE WHEN i % 4 = 0 THEN 'pro' ELSE 'free' END,
              'industry', (ARRAY['retail', 'saas', 'fintech', 'health'])[1 + (hashint4(i + 3) & 2147483647) % 4],
              'signup', to_char(now() - (i % 700) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
              'tags', CASE WHEN i % 5 = 0 THEN '["beta", "eu"]'::jsonb ELSE '[]'::jsonb END)
     FROM generate_series(1, $2::int) AS i`,
    [experiment.id, UNITS],
  );
  console.log(`  ${UNITS.toLocaleString()} assignments in ${(ms(started) / 1000).toFixed(1)} s`);

  started = process.hrtime.bigint();
  // Events of random units on the 6 steps, mostly aligned, from a day before the unit's
  // assignment (not counted) to 10 days after it; treatment units pay a little more often.
  const steps = STEPS.map((step) => step.key);
  await db.query(
    `INSERT INTO step_events (id, unit_id, flow_key, step_key, outcome, occurred_at, received_at)
     SELECT 'e' || j, 'u' || u, $2, ($3::text[])[1 + s], CASE WHEN h % 100 < 12 THEN 'deviated' ELSE 'aligned' END,
            LEAST(now(), now() - interval '30 days' + (u % 2592000) * interval '1 second' * 0.97
                  + ((h >> 8) % 950400 - 86400) * interval '1 second'),
            now()
     FROM (
       SELECT j, u, h,
              CASE WHEN u % 2 = 1 AND h % 17 = 0 THEN 3 ELSE (h >> 4) % 6 END AS s
       FROM (SELECT j, 1 + (hashint4(j)::bigint & 2147483647) % $4 AS u,
                    hashint4(j * 7 + 3)::bigint & 2147483647 AS h
             FROM generate_series(1, $1::int) AS j) raw
     ) picked`,
    [EVENTS, FLOW_KEY, steps, UNITS],
  );
  console.log(`  ${EVENTS.toLocaleString()} step events in ${(ms(started) / 1000).toFixed(1)} s`);
  started = process.hrtime.bigint();
  await db.query('VACUUM ANALYZE assignments');
  await db.query('VACUUM ANALYZE step_events');
  console.log(`  vacuum analyze in ${(ms(started) / 1000).toFixed(1)} s`);
  return experiment.id;
}

/** 20 cohorts over the generated attributes: every operator, numbers, strings, dates, arrays, a focus group. */
const BENCH_COHORTS: { key: string; kind: string; rules: { attribute: string; op: string; value: unknown }[]; members?: string[] }[] = [
  { key: 'smb', kind: 'segment', rules: [{ attribute: 'size', op: 'eq', value: 'smb' }] },
  { key: 'mid', kind: 'segment', rules: [{ attribute: 'size', op: 'eq', value: 'mid' }] },
  { key: 'enterprise', kind: 'segment', rules: [{ attribute: 'size', op: 'eq', value: 'enterprise' }] },
  { key: 'not-smb', kind: 'segment', rules: [{ attribute: 'size', op: 'neq', value: 'smb' }] },
  { key: 'tiny', kind: 'segment', rules: [{ attribute: 'employees', op: 'lt', value: 10 }] },
  { key: 'small-seats', kind: 'segment', rules: [{ attribute: 'employees', op: 'lte', value: 50 }] },
  { key: 'large-seats', kind: 'segment', rules: [{ attribute: 'employees', op: 'gt', value: 300 }] },
  { key: 'huge-seats', kind: 'segment', rules: [{ attribute: 'employees', op: 'gte', value: 450 }] },
  { key: 'dach', kind: 'demographic', rules: [{ attribute: 'country', op: 'in', value: ['de', 'at', 'ch'] }] },
  { key: 'outside-eu', kind: 'demographic', rules: [{ attribute: 'country', op: 'nin', value: ['de', 'fr', 'es'] }] },
  { key: 'us', kind: 'demographic', rules: [{ attribute: 'country', op: 'eq', value: 'us' }] },
  { key: 'retail', kind: 'vertical', rules: [{ attribute: 'industry', op: 'eq', value: 'retail' }] },
  { key: 'fin-health', kind: 'vertical', rules: [{ attribute: 'industry', op: 'in', value: ['fintech', 'health'] }] },
  { key: 'saas-pro', kind: 'vertical', rules: [{ attribute: 'industry', op: 'eq', value: 'saas' }, { attribute: 'plan', op: 'eq', value: 'pro' }] },
  { key: 'pro', kind: 'custom', rules: [{ attribute: 'plan', op: 'eq', value: 'pro' }] },
  { key: 'beta', kind: 'custom', rules: [{ attribute: 'tags', op: 'contains', value: 'beta' }] },
  { key: 'new-signups', kind: 'custom', rules: [{ attribute: 'signup', op: 'gte', value: new Date(Date.now() - 90 * 86400_000).toISOString().slice(0, 19) + 'Z' }] },
  { key: 'smb-de', kind: 'custom', rules: [{ attribute: 'size', op: 'eq', value: 'smb' }, { attribute: 'country', op: 'eq', value: 'de' }] },
  { key: 'mid-large', kind: 'custom', rules: [{ attribute: 'size', op: 'eq', value: 'mid' }, { attribute: 'employees', op: 'gte', value: 200 }] },
  { key: 'design-partners', kind: 'focus_group', rules: [], members: Array.from({ length: 1000 }, (_, i) => `u${1 + i * 997}`) },
];

async function main(): Promise<void> {
  console.log(`analysis benchmark: ${UNITS.toLocaleString()} units, ${STEPS.length} steps, ${EVENTS.toLocaleString()} events`);
  await recreateDatabase(DATABASE_URL);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...loadEnv({ ...process.env, DATABASE_URL, REDIS_URL, LOG_LEVEL: 'warn' }),
      runWorker: false,
    }),
    { logger: ['error', 'warn'] },
  );
  try {
    const db = app.get(DataSource);
    const experimentId = await generate(db);
    const runner = app.get(AnalysisRunner);
    const input = { experimentId, flowKey: FLOW_KEY, steps: STEPS, asOf: new Date() };

    // The bare aggregation: the analysis' own statement with the same settings, alone; and the
    // same with CUPED's covariate sums (a 14-day lookback).
    // Also the CPU time of the database process that ran the statement (Linux /proc, when
    // readable): on a shared machine it says what the statement costs better than the wall clock.
    const cpuTimes: Record<'plain' | 'cuped', number[]> = { plain: [], cuped: [] };
    const bare = async (lookbackDays: number | null = null, steps = STEPS) => {
      const started = process.hrtime.bigint();
      await db.transaction(async (manager) => {
        await manager.query(STEP_METRICS_SETTINGS);
        const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
        const cpuBefore = steps === STEPS ? backendCpuMs(pid) : null;
        const { sql, params } = stepMetricsStatement({ ...input, steps, asOf: new Date(), lookbackDays });
        await manager.query(sql, params);
        if (cpuBefore !== null) cpuTimes[lookbackDays === null ? 'plain' : 'cuped'].push(backendCpuMs(pid)! - cpuBefore);
      });
      return ms(started);
    };
    const analysis = async (run: number) => {
      const started = process.hrtime.bigint();
      const outcome = await runner.run({ jobId: `bench-${Date.now()}-${run}`, experimentId, trigger: 'manual', attempt: 1 });
      if (outcome.kind !== 'analysed') throw new Error(`the analysis was skipped: ${outcome.reason}`);
      return ms(started);
    };

    await bare(); // warm the cache: both sides then read from memory
    cpuTimes.plain.length = 0;
    const bareTimes: number[] = [];
    const cupedTimes: number[] = [];
    const analysisTimes: number[] = [];
    const milestoneTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      bareTimes.push(await bare());
      cupedTimes.push(await bare(14));
      milestoneTimes.push(await bare(null, MILESTONE_STEPS));
      analysisTimes.push(await analysis(run));
    }
    const plan: { 'QUERY PLAN': string }[] = await db.transaction(async (manager) => {
      await manager.query(STEP_METRICS_SETTINGS);
      const { sql, params } = stepMetricsStatement({ ...input, lookbackDays: 14 });
      return manager.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    });

    const bareMs = median(bareTimes);
    const analysisMs = median(analysisTimes);
    console.log('\nEXPLAIN ANALYZE of the aggregation (with CUPED):');
    console.log(plan.map((row) => `  ${row['QUERY PLAN']}`).join('\n'));
    console.log(`\nbare SQL aggregation: ${bareTimes.map((t) => t.toFixed(0)).join(', ')} ms (median ${bareMs.toFixed(0)} ms)`);
    const cupedMs = median(cupedTimes);
    console.log(
      `with CUPED sums:      ${cupedTimes.map((t) => t.toFixed(0)).join(', ')} ms (median ${cupedMs.toFixed(0)} ms, ` +
        `${(cupedMs / bareMs).toFixed(2)}× the plain aggregation; target ≤ 1.5×)`,
    );
    const milestoneMs = median(milestoneTimes);
    console.log(
      `with per-seat and composite milestones: ${milestoneTimes.map((t) => t.toFixed(0)).join(', ')} ms ` +
        `(median ${milestoneMs.toFixed(0)} ms, ${(milestoneMs / bareMs).toFixed(2)}× the plain aggregation)`,
    );
    if (cpuTimes.plain.length > 0) {
      const ratios = cpuTimes.cuped.map((cpu, i) => cpu / cpuTimes.plain[i]);
      console.log(
        `database CPU time:    ${cpuTimes.plain.join(', ')} ms plain, ${cpuTimes.cuped.join(', ')} ms with CUPED ` +
          `(ratio per run ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${(median(cpuTimes.cuped) / median(cpuTimes.plain)).toFixed(2)}×)`,
      );
    }
    console.log(`full analysis:        ${analysisTimes.map((t) => t.toFixed(0)).join(', ')} ms (median ${analysisMs.toFixed(0)} ms)`);
    const ratio = analysisMs / bareMs;
    console.log(`ratio analysis / bare SQL: ${ratio.toFixed(2)}× (target ≤ 2×); analysis ${(analysisMs / 1000).toFixed(2)} s (target ≤ 10 s)`);

    // The cohort breakdown: the same analysis once 20 cohorts exist (each assignment is then
    // also counted in every cohort it matches, in the same statement).
    for (const cohort of BENCH_COHORTS) {
      await db.query(`INSERT INTO cohorts (key, name, kind, rules, members) VALUES ($1, $1, $2, $3, $4)`, [
        cohort.key,
        cohort.kind,
        JSON.stringify(cohort.rules),
        JSON.stringify(cohort.members ?? []),
      ]);
    }
    const breakdownTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) breakdownTimes.push(await analysis(RUNS + run));
    const [latest] = await db.query(`SELECT jsonb_array_length(breakdown -> 'cohorts') AS rows FROM analyses ORDER BY ran_at DESC LIMIT 1`);
    const breakdownMs = median(breakdownTimes);
    const added = (breakdownMs - analysisMs) / analysisMs;
    console.log(
      `with the breakdown:   ${breakdownTimes.map((t) => t.toFixed(0)).join(', ')} ms (median ${breakdownMs.toFixed(0)} ms, ` +
        `${latest.rows} cohort rows; adds ${added.toFixed(2)}× the plain analysis, target ≤ 1×)`,
    );
    if (SCALE === 1 && (ratio > 2 || analysisMs > 10_000 || added > 1)) process.exitCode = 1;
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
