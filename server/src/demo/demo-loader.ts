import { assignVariant, Experiment, HypothesisSummary, Page, Results, StepEvent, Exposure } from '@verdict/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../app.factory';
import { ApiKeysService } from '../auth/api-keys.service';
import { loadEnv } from '../config/env';
import { migrate } from '../database/migrate';
import { DemoApiError, DemoClient } from './demo-client';
import { loadHealthDemo } from './demo-health';
import { BASE_FUNNEL, COHORTS, FLOW, HISTORY, Scenario, SCENARIOS, TRANCHES } from './demo-data';
import { COHORT_SCENARIO } from './demo-cohorts';
import { loadJourneys } from './demo-journeys';
import { Delivery, deliverInTranches, sdkConfigOf } from './demo-tranches';
import { assignedAtFor, exposureOf, journeyWithHistory, makeUnits, seededRandom } from './simulate';

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  title: string;
  status: string;
  experimentKey?: string;
  detail: string;
}

export async function loadDemo(options: { fresh: boolean }): Promise<void> {
  const env = loadEnv();
  log(`database ${redact(env.databaseUrl)}, redis ${redact(env.redisUrl)}`);
  await migrate(env.databaseUrl, log);
  const app = await createApp({ ...env, port: 0 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { token, signIn } = await credential(app, env.adminToken);
    const client = new DemoClient(`http://127.0.0.1:${port}`, token);
    const outcomes = await loadData(client, options.fresh);
    log('');
    log('Demo data:');
    for (const outcome of outcomes) {
      log(`  ${outcome.status.padEnd(13)} ${outcome.title}${outcome.experimentKey ? `  [${outcome.experimentKey}]` : ''}`);
      if (outcome.detail) log(`  ${''.padEnd(13)} ${outcome.detail}`);
    }
    log('');
    log(`Open the console with \`npm start\` (http://localhost:${env.port}/) and sign in with ${signIn}`);
  } finally {
    await app.close();
  }
}

/** An admin credential for the loader: the admin token when set, else a fresh admin API key. */
async function credential(app: NestFastifyApplication, adminToken: string | null): Promise<{ token: string; signIn: string }> {
  if (adminToken) return { token: adminToken, signIn: 'your VERDICT_ADMIN_TOKEN.' };
  const created = await app.get(ApiKeysService).create(`demo ${new Date().toISOString()}`, 'admin');
  return { token: created.key, signIn: `this admin API key (shown once):\n\n    ${created.key}\n` };
}

async function loadData(client: DemoClient, fresh: boolean): Promise<Outcome[]> {
  const suffix = fresh ? `-${Date.now().toString(36)}` : '';
  const flowKey = fresh ? `${FLOW.key}_${suffix.slice(1)}` : FLOW.key;
  if (await client.find(`/flows/${flowKey}`)) log(`flow ${flowKey} exists`);
  else {
    await client.request('POST', '/flows', { ...FLOW, key: flowKey, name: fresh ? `${FLOW.name} ${suffix.slice(1)}` : FLOW.name });
    log(`created flow ${flowKey} (${FLOW.steps.length} steps)`);
  }
  for (const cohort of COHORTS) {
    if (await client.find(`/cohorts/${cohort.key}`)) continue;
    await client.request('POST', '/cohorts', cohort);
    log(`created cohort ${cohort.key}`);
  }
  const existing = await client.request<Page<HypothesisSummary>>('GET', '/hypotheses?limit=500');
  const outcomes: Outcome[] = [];
  for (const [index, scenario] of [...SCENARIOS, COHORT_SCENARIO].entries()) {
    const found = existing.items.find((item) => item.title === scenario.hypothesis.title && item.flowKey === flowKey);
    if (found) {
      outcomes.push({ title: found.title, status: found.status, detail: 'already loaded (use --fresh for another copy)' });
      continue;
    }
    outcomes.push(await runScenario(client, scenario, flowKey, suffix, index + 1));
  }
  outcomes.push(...(await loadJourneys(client, suffix, log)));
  for (const line of (await loadHealthDemo(client, fresh, log)).lines) outcomes.push({ title: line, status: 'journeys', detail: '' });
  return outcomes;
}

async function runScenario(client: DemoClient, scenario: Scenario, flowKey: string, suffix: string, seed: number): Promise<Outcome> {
  const hypothesis = await client.request<HypothesisSummary>('POST', '/hypotheses', { ...scenario.hypothesis, flowKey });
  log(`created hypothesis “${hypothesis.title}”`);
  const plan = scenario.experiment;
  if (!plan) return { title: hypothesis.title, status: 'draft', detail: 'no experiment yet' };

  const key = `demo-${scenario.slug}${suffix}`;
  const experiment = await client.request<Experiment>('POST', '/experiments', {
    key,
    name: plan.name,
    hypothesisId: hypothesis.id,
    variants: [
      { key: 'control', name: 'Control', weight: 0.5, control: true },
      { key: 'treatment', name: plan.name, weight: 0.5 },
    ],
    // The same seed and units in every run (a run's flow keeps its events apart): every demo tells
    // the same story, down to the numbers.
    seed: plan.seed ?? `demo-${scenario.slug}`,
    baselineRate: plan.baselineRate,
    targetCohortKeys: plan.targetCohortKeys ?? [],
    ...(plan.method ? { method: plan.method } : {}),
    analysisIntervalMinutes: 60,
  });
  log(`created experiment ${key} (plan ${experiment.plannedSampleSize} units per variant)`);
  if (plan.draft) return { title: hypothesis.title, status: 'draft', experimentKey: key, detail: 'experiment designed, not started' };

  await client.request('POST', `/experiments/${key}/start`);
  const traffic = await sendTraffic(client, key, `demo-${scenario.slug}`, flowKey, plan, experiment.plannedSampleSize, seed);
  log(`  ${key}: ${traffic.exposed} units exposed, ${traffic.events} step events, ${traffic.analyses.length} analyses`);

  const analysis = traffic.analyses[traffic.analyses.length - 1];
  let detail = analysis ? `${analysis.verdict.status}: ${analysis.verdict.reason}` : 'analysis did not finish';
  if (plan.stop) {
    await client.request('POST', `/experiments/${key}/stop`);
    log(`  ${key}: stopped by a person`);
    const decided = await waitForStatus(client, hypothesis.id, (status) => status !== 'running', 60_000);
    if (decided !== 'inconclusive') {
      // The stop's final analysis is asynchronous; if it has not settled, record the team's call by hand.
      await client.request('POST', `/hypotheses/${hypothesis.id}/verdict`, {
        status: 'inconclusive',
        note: 'Stopped after three weeks: no effect large enough to matter showed up (demo data).',
      });
    }
    const latest = await client.find<Results>(`/experiments/${key}/results`);
    detail = latest ? `${latest.verdict.status}: ${latest.verdict.reason}` : 'stopped by a person before the plan was reached';
  }
  const final = await client.request<HypothesisSummary>('GET', `/hypotheses/${hypothesis.id}`);
  if (scenario.expected !== final.status) log(`  note: expected ${scenario.expected}, got ${final.status}`);
  return { title: hypothesis.title, status: final.status, experimentKey: key, detail };
}

/**
 * Units exposed with backdated assignments, and their step events from the scenario's known effect
 * (and, for teams seen before, from the weeks before their assignment), sent in tranches.
 */
async function sendTraffic(
  client: DemoClient,
  key: string,
  unitPrefix: string,
  flowKey: string,
  plan: NonNullable<Scenario['experiment']>,
  plannedPerVariant: number,
  seed: number,
): Promise<Delivery> {
  const evaluated = await sdkConfigOf(client, key);
  const random = seededRandom(seed * 7919);
  const now = new Date();
  const wanted = Math.ceil(plannedPerVariant * plan.fractionOfPlan * 2);
  const exposures: Exposure[] = [];
  const events: StepEvent[] = [];
  // Targeted experiments see only part of the traffic: draw units until enough are in.
  for (const unit of makeUnits(unitPrefix, wanted * 8, random)) {
    if (exposures.length >= wanted) break;
    const evaluation = assignVariant(evaluated, unit.unitId, unit.attributes);
    if (!evaluation.inExperiment || !evaluation.variantKey) continue;
    const assignedAt = assignedAtFor(random, now, 21);
    exposures.push(exposureOf(key, unit, evaluation.variantKey, assignedAt));
    const effect = evaluation.variantKey === 'treatment' ? (plan.effectFor?.(unit.attributes) ?? plan.effect) : {};
    events.push(...journeyWithHistory(unit, flowKey, BASE_FUNNEL, effect, assignedAt, now, random, HISTORY));
  }
  return deliverInTranches(client, key, { exposures, events }, { tranches: TRANCHES, log });
}

async function waitForStatus(
  client: DemoClient,
  id: string,
  done: (status: string) => boolean,
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status = 'running';
  while (Date.now() < deadline) {
    try {
      status = (await client.request<HypothesisSummary>('GET', `/hypotheses/${id}`)).status;
    } catch (error) {
      if (!(error instanceof DemoApiError)) throw error;
    }
    if (done(status)) return status;
    await sleep(500);
  }
  return status;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
