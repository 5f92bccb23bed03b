import {
  assignVariant,
  type CreateFlowRequest,
  type Experiment,
  type Exposure,
  type Hypothesis,
  type HypothesisSummary,
  type Page,
  type Results,
  type StepEvent,
} from '@verdict/shared';
import type { DemoClient } from './demo-client';
import { runAnalysis, sdkConfigOf, sendTraffic } from './demo-tranches';
import { seededRandom } from './simulate';

// The demo's workspace journey: five product categories, a maturity milestone (3 of 5 within
// 30 days), a per-seat engagement milestone, and a hypothesis iterated twice on it, so the
// flow editor, the step table and the hypothesis' iterations chart all have something to show.

const DAY = 24 * 3600_000;
const CATEGORIES = ['reports', 'dashboards', 'alerts', 'exports', 'integrations'] as const;
const MATURITY_DAYS = 30;

export const JOURNEY_FLOW: CreateFlowRequest = {
  key: 'demo-workspace',
  name: 'Workspace adoption',
  description: 'A new team workspace: which product categories it takes up, and whether its seats are really used.',
  steps: [
    { key: 'workspace_created', name: 'Workspace created', kind: 'trigger' },
    { key: 'reports', name: 'Used reports', kind: 'step' },
    { key: 'dashboards', name: 'Used dashboards', kind: 'step' },
    { key: 'alerts', name: 'Used alerts', kind: 'step' },
    { key: 'exports', name: 'Used exports', kind: 'step' },
    { key: 'integrations', name: 'Used integrations', kind: 'step' },
    {
      key: 'mature',
      name: 'Mature: 3 of 5 categories',
      kind: 'need_met',
      milestone: { anyOf: [...CATEGORIES], atLeast: 3, withinDays: MATURITY_DAYS },
    },
    {
      key: 'seat_engagement',
      name: '4 sessions per seat in 2 weeks',
      kind: 'adoption',
      milestone: { minEvents: 4, withinDays: 14, perAttribute: 'seats' },
    },
    { key: 'paid_plan', name: 'Upgraded to a paid plan', kind: 'business_outcome', terminal: true },
  ],
};

const TITLE = 'Guided tour of the product categories';

/** Each iteration of the hypothesis: what the treatment does to category use and to sessions per seat. */
const ITERATIONS = [
  {
    statement: 'We believe that a guided tour for new workspaces will increase per-seat engagement by at least 10 %.',
    experiment: 'Guided tour (five screens)',
    category: 1.03,
    sessions: 1,
  },
  {
    statement:
      'We believe that a shorter guided tour, one screen per category a team has not tried yet, will increase per-seat engagement by at least 10 %.',
    experiment: 'Guided tour (one screen per unused category)',
    category: 1.35,
    sessions: 1.15,
  },
];

const SEATS = [1, 2, 3, 5, 8, 12];

interface Outcome {
  title: string;
  status: string;
  experimentKey?: string;
  detail: string;
}

/** Loads the workspace flow and its iterated hypothesis (skipped when already loaded). */
export async function loadJourneys(client: DemoClient, suffix: string, log: (line: string) => void): Promise<Outcome[]> {
  const flowKey = suffix ? `${JOURNEY_FLOW.key}_${suffix.slice(1)}` : JOURNEY_FLOW.key;
  if (!(await client.find(`/flows/${flowKey}`))) {
    await client.request('POST', '/flows', { ...JOURNEY_FLOW, key: flowKey });
    log(`created flow ${flowKey} (maturity: 3 of 5 categories within ${MATURITY_DAYS} days; engagement per seat)`);
  }
  const existing = await client.request<Page<HypothesisSummary>>('GET', `/hypotheses?flowKey=${flowKey}&limit=100`);
  const found = existing.items.find((item) => item.title === TITLE);
  if (found) return [{ title: TITLE, status: found.status, detail: 'already loaded (use --fresh for another copy)' }];

  const hypothesis = await client.request<Hypothesis>('POST', '/hypotheses', {
    title: TITLE,
    statement: ITERATIONS[0].statement,
    metricArea: 'customer_engagement',
    flowKey,
    primaryStepKey: 'seat_engagement',
    expectedDirection: 'increase',
    minimumEffect: 0.1,
    guardrailStepKeys: ['paid_plan'],
    impact: 4,
    confidence: 3,
    ease: 3,
    owner: 'journeys team',
    evidence: [{ kind: 'quantitative', source: 'product analytics', note: 'Workspaces using 3+ categories renew twice as often.' }],
  });
  log(`created hypothesis “${TITLE}”`);
  let last: Results | null = null;
  let key = '';
  for (const [index, iteration] of ITERATIONS.entries()) {
    if (index > 0) {
      await client.request('POST', `/hypotheses/${hypothesis.id}/versions`, {
        statement: iteration.statement,
        note: 'The long tour was skipped by most teams; show only what a team has not tried.',
      });
    }
    key = `demo-tour-v${index + 1}${suffix}`;
    last = await runIteration(client, flowKey, hypothesis.id, key, iteration, index + 1, log);
    // The earlier version's experiment ends, as a team would end it before revising.
    if (index < ITERATIONS.length - 1) await client.request('POST', `/experiments/${key}/stop`);
  }
  const final = await client.request<HypothesisSummary>('GET', `/hypotheses/${hypothesis.id}`);
  const mature = last?.steps.find((step) => step.stepKey === 'mature');
  const seats = last?.steps.find((step) => step.stepKey === 'seat_engagement');
  return [
    {
      title: TITLE,
      status: final.status,
      experimentKey: key,
      detail: last
        ? `${last.verdict.status}: ${last.verdict.reason} Mature: ${mature?.variants.map((v) => `${v.reached}/${v.units}`).join(' vs ')}; ` +
          `per-seat engagement left out ${seats?.excluded ?? 0} units without a seat count.`
        : 'analysis did not finish',
    },
  ];
}

async function runIteration(
  client: DemoClient,
  flowKey: string,
  hypothesisId: string,
  key: string,
  iteration: (typeof ITERATIONS)[number],
  seed: number,
  log: (line: string) => void,
): Promise<Results | null> {
  await client.request<Experiment>('POST', '/experiments', {
    key,
    name: iteration.experiment,
    hypothesisId,
    variants: [
      { key: 'control', name: 'Control', weight: 0.5, control: true },
      { key: 'treatment', name: iteration.experiment, weight: 0.5 },
    ],
    baselineRate: 0.3,
    plannedSampleSize: 1500,
    analysisIntervalMinutes: 60,
  });
  await client.request('POST', `/experiments/${key}/start`);
  const config = await sdkConfigOf(client, key);
  const random = seededRandom(4242 + seed);
  const now = Date.now();
  // A launch wave enrolled as far back as the API accepts (30 days, less half a minute), so that the
  // 30-day maturity window has closed for them by the time the analysis runs; the rest over the
  // following weeks, whose windows are still open.
  const launch = now - 30 * DAY + 30_000;
  const exposures: Exposure[] = [];
  const events: StepEvent[] = [];
  for (let i = 0; exposures.length < 3000; i++) {
    const unitId = `${key}-w${i.toString(36).padStart(4, '0')}`;
    const roll = random();
    const seats: unknown = roll < 0.08 ? undefined : roll < 0.1 ? 0 : SEATS[Math.floor(random() * SEATS.length)];
    const attributes = seats === undefined ? { plan: 'team' } : { plan: 'team', seats };
    const evaluation = assignVariant(config, unitId, attributes);
    if (!evaluation.inExperiment || !evaluation.variantKey) continue;
    const assignedAt = exposures.length % 2 === 0 ? launch + random() * 10_000 : now - (1 + random() * 27) * DAY;
    exposures.push({ experimentKey: key, unitId, variantKey: evaluation.variantKey, attributes, assignedAt: new Date(assignedAt).toISOString() });
    events.push(...workspaceEvents(unitId, flowKey, evaluation.variantKey === 'treatment' ? iteration : null, seats, assignedAt, now, random));
  }
  await sendTraffic(client, key, { exposures, events }, log);
  log(`  ${key}: ${exposures.length} workspaces, ${events.length} step events`);
  // The launch wave's maturity window closes half a minute after it was sent.
  const wait = launch + 30 * DAY + 10_000 - Date.now();
  if (wait > 0) {
    log(`  ${key}: waiting ${Math.ceil(wait / 1000)} s for the launch wave's 30-day window to close`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return runAnalysis(client, key, log);
}

/** One workspace's events: categories tried, sessions in proportion to its seats, and an upgrade more likely when mature. */
function workspaceEvents(
  unitId: string,
  flowKey: string,
  effect: { category: number; sessions: number } | null,
  seats: unknown,
  assignedAt: number,
  now: number,
  random: () => number,
): StepEvent[] {
  const events: StepEvent[] = [];
  const latest = now - 60_000;
  const at = (offset: number) => Math.min(assignedAt + 10 * 60_000 + offset, latest);
  const add = (stepKey: string, n: number, when: number, outcome: 'aligned' | 'deviated' = 'aligned') =>
    events.push({ id: `${unitId}:${stepKey}:${outcome[0]}${n}`, unitId, flowKey, stepKey, outcome, occurredAt: new Date(when).toISOString() });
  add('workspace_created', 0, at(0));
  let categories = 0;
  for (const [index, stepKey] of CATEGORIES.entries()) {
    // Later categories are taken up less often.
    const chance = Math.min(0.95, (0.7 - index * 0.08) * (effect?.category ?? 1));
    if (random() < chance) {
      const when = at(random() * 35 * DAY);
      if (when < latest) add(stepKey, 0, when);
      if (when < assignedAt + MATURITY_DAYS * DAY) categories++;
    }
    if (random() < 0.05) add(stepKey, 0, at(random() * 5 * DAY), 'deviated');
  }
  const seatCount = typeof seats === 'number' && seats > 0 ? seats : 2;
  const sessions = Math.round(seatCount * 8 * random() * (effect?.sessions ?? 1));
  for (let k = 0; k < sessions; k++) {
    const when = at(random() * 16 * DAY);
    if (when < latest) add('seat_engagement', k, when);
  }
  if (random() < (categories >= 3 ? 0.3 : 0.1)) add('paid_plan', 0, at(5 * DAY + random() * 20 * DAY));
  return events;
}
