import type { CreateCohortRequest, CreateFlowRequest, CreateHypothesisRequest, VerdictStatus } from '@verdict/shared';
import type { Attributes } from '@verdict/shared';
import type { Effect, History, StepModel } from './simulate';

// The demo's world: one onboarding flow, cohorts by segment, vertical and region, and six
// hypotheses whose experiments have known effects, chosen so that every status shows up.

export const FLOW: CreateFlowRequest = {
  key: 'demo-onboarding', // its own key, so the README's and docs' examples (flow "onboarding") never collide with it
  name: 'Onboarding',
  description: 'From sign-up to a paid plan: the path a new team is expected to take in its first weeks.',
  steps: [
    { key: 'signup', name: 'Sign-up', kind: 'trigger' },
    { key: 'connect_data', name: 'Connect a data source', kind: 'step' },
    { key: 'invite_team', name: 'Invite a teammate', kind: 'step' },
    { key: 'first_report', name: 'First report shared', kind: 'need_met' },
    { key: 'weekly_return', name: 'Came back the next week', kind: 'adoption' },
    { key: 'paid_plan', name: 'Upgraded to a paid plan', kind: 'business_outcome', terminal: true },
  ],
};

/** Reach chances step by step (conditional on the previous step) and deviation chances. */
export const BASE_FUNNEL: StepModel[] = [
  { key: 'signup', reach: 1, deviate: 0.02 },
  { key: 'connect_data', reach: 0.72, deviate: 0.15 },
  { key: 'invite_team', reach: 0.6, deviate: 0.1 },
  { key: 'first_report', reach: 0.55, deviate: 0.08 },
  { key: 'weekly_return', reach: 0.6, deviate: 0.05 },
  { key: 'paid_plan', reach: 0.35, deviate: 0.02 },
];

/**
 * Most teams were already seen in the flow in the two weeks before their assignment, and a team
 * tends to repeat what it did then (the correlation, about 0.5 on the steps, that CUPED uses).
 */
export const HISTORY: History = { activeShare: 0.7, persistence: 0.9, lookbackDays: 14 };

/** Each experiment's data arrives in this many tranches, with an analysis after each. */
export const TRANCHES = 5;

export const COHORTS: CreateCohortRequest[] = [
  { key: 'smb', name: 'Small businesses (< 50 people)', kind: 'segment', rules: [{ attribute: 'company_size', op: 'lt', value: 50 }] },
  { key: 'enterprise', name: 'Enterprise (500+ people)', kind: 'segment', rules: [{ attribute: 'company_size', op: 'gte', value: 500 }] },
  { key: 'retail', name: 'Retail', kind: 'vertical', rules: [{ attribute: 'industry', op: 'eq', value: 'retail' }] },
  { key: 'fintech', name: 'Fintech', kind: 'vertical', rules: [{ attribute: 'industry', op: 'eq', value: 'fintech' }] },
  { key: 'emea', name: 'Europe', kind: 'demographic', rules: [{ attribute: 'region', op: 'in', value: ['uk', 'de', 'fr', 'es'] }] },
  { key: 'north_america', name: 'North America', kind: 'demographic', rules: [{ attribute: 'region', op: 'in', value: ['us', 'ca'] }] },
];

export interface Scenario {
  slug: string;
  hypothesis: Omit<CreateHypothesisRequest, 'flowKey'>;
  /** No experiment: the hypothesis stays a draft on the board. */
  experiment?: {
    name: string;
    baselineRate: number;
    targetCohortKeys?: string[];
    /** The treatment's known effect: multipliers on the per-step reach chances. */
    effect: Effect;
    /** A unit's own effect from its attributes at assignment, when it differs by cohort (demo-cohorts.ts). */
    effectFor?: (attributes: Attributes) => Effect;
    /** Units per variant, as a share of the planned sample. */
    fractionOfPlan: number;
    /** The experiment's bucketing seed (`demo-<slug>` when absent): with the seeded draws, it fixes the data. */
    seed?: string;
    /** The analysis method (the API's default, sequential, when absent). */
    method?: 'sequential' | 'fixed' | 'msprt';
    /** Leave the experiment in draft (not started). */
    draft?: boolean;
    /** A person stops it after the analysis (no decision yet → inconclusive). */
    stop?: boolean;
  };
  expected: VerdictStatus | 'draft';
}

export const SCENARIOS: Scenario[] = [
  {
    slug: 'setup-checklist',
    expected: 'validated',
    hypothesis: {
      title: 'A guided setup checklist gets teams to their first report',
      statement:
        'We believe that a guided setup checklist for new teams will increase the share who share a first report by at least 15%.',
      metricArea: 'customer_engagement',
      primaryStepKey: 'first_report',
      expectedDirection: 'increase',
      minimumEffect: 0.15,
      guardrailStepKeys: ['weekly_return'],
      impact: 5,
      confidence: 4,
      ease: 4,
      owner: 'maya (activation)',
      evidence: [
        { kind: 'qualitative', source: '14 onboarding interviews', note: 'Most new admins did not know which step came next after connecting data.' },
        { kind: 'quantitative', source: 'Product analytics, Q3', note: '58% of teams who connect data never build a report.' },
      ],
    },
    experiment: {
      name: 'Setup checklist',
      baselineRate: 0.24,
      effect: { connect_data: 1.12, first_report: 1.3 },
      fractionOfPlan: 0.65,
    },
  },
  {
    slug: 'skip-invite',
    expected: 'refuted',
    hypothesis: {
      title: 'Skipping the teammate invite speeds up the first report',
      statement:
        'We believe that making the teammate invite optional will increase the share of new teams who share a first report by at least 15%.',
      metricArea: 'solution_performance',
      primaryStepKey: 'first_report',
      expectedDirection: 'increase',
      minimumEffect: 0.15,
      guardrailStepKeys: ['weekly_return'],
      impact: 4,
      confidence: 2,
      ease: 5,
      owner: 'li (growth)',
      evidence: [{ kind: 'quantitative', source: 'Funnel report', note: 'The invite step has the largest drop-off of the onboarding flow.' }],
    },
    experiment: {
      name: 'Optional teammate invite',
      baselineRate: 0.24,
      effect: { invite_team: 1.25, first_report: 0.6 },
      fractionOfPlan: 0.85,
    },
  },
  {
    slug: 'retail-templates',
    expected: 'inconclusive',
    hypothesis: {
      title: 'Industry templates help retailers connect their data',
      statement: 'We believe that ready-made retail templates will increase the share of teams who connect a data source by at least 8%.',
      metricArea: 'customer_reach',
      primaryStepKey: 'connect_data',
      expectedDirection: 'increase',
      minimumEffect: 0.08,
      impact: 3,
      confidence: 3,
      ease: 3,
      owner: 'li (growth)',
      evidence: [{ kind: 'qualitative', source: 'Sales call notes', note: 'Retail prospects ask for examples from their own industry.' }],
    },
    experiment: {
      name: 'Retail templates',
      baselineRate: 0.72,
      effect: { connect_data: 1.01 },
      fractionOfPlan: 0.45,
      stop: true,
    },
  },
  {
    slug: 'weekly-digest',
    expected: 'running',
    hypothesis: {
      title: 'A weekly digest email brings small teams back',
      statement: 'We believe that a weekly digest email for small businesses will increase next-week returns by at least 10%.',
      metricArea: 'customer_engagement',
      primaryStepKey: 'weekly_return',
      expectedDirection: 'increase',
      minimumEffect: 0.1,
      cohortKey: 'smb',
      impact: 4,
      confidence: 3,
      ease: 4,
      owner: 'maya (activation)',
      evidence: [{ kind: 'quantitative', source: 'Email test, spring', note: 'Digest opens correlated with weekly active use.' }],
    },
    experiment: {
      name: 'Weekly digest',
      baselineRate: 0.14,
      method: 'msprt',
      targetCohortKeys: ['smb'],
      effect: { weekly_return: 1.06 },
      fractionOfPlan: 0.3,
    },
  },
  {
    slug: 'annual-discount',
    expected: 'draft',
    hypothesis: {
      title: 'An annual-plan discount lifts upgrades',
      statement: 'We believe that showing a 20% annual-plan discount on the upgrade page will increase paid upgrades by at least 20%.',
      metricArea: 'financial_impact',
      primaryStepKey: 'paid_plan',
      expectedDirection: 'increase',
      minimumEffect: 0.2,
      guardrailStepKeys: ['weekly_return'],
      impact: 5,
      confidence: 2,
      ease: 3,
      owner: 'sam (monetization)',
      evidence: [{ kind: 'quantitative', source: 'Pricing survey (n = 412)', note: '41% would prepay a year for a discount of 15% or more.' }],
    },
    experiment: { name: 'Annual discount', baselineRate: 0.05, effect: {}, fractionOfPlan: 0, draft: true },
  },
  {
    slug: 'enterprise-chat',
    expected: 'draft',
    hypothesis: {
      title: 'Live chat during setup helps enterprise teams connect data',
      statement: 'We believe that live chat during setup for enterprise teams will increase data connections by at least 5%.',
      metricArea: 'business_agility',
      primaryStepKey: 'connect_data',
      expectedDirection: 'increase',
      minimumEffect: 0.05,
      cohortKey: 'enterprise',
      impact: 3,
      confidence: 2,
      ease: 2,
      owner: 'sam (monetization)',
      evidence: [{ kind: 'qualitative', source: 'Support tickets', note: 'Enterprise admins open tickets about SSO during setup.' }],
    },
  },
];
