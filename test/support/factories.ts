// Small factories for test data: each makes a valid resource through the API (so tests
// exercise the same rules as users) and fails loudly if the API refuses it.
import type { CreateExperimentRequest, CreateFlowRequest, CreateHypothesisRequest, Experiment, Flow, Hypothesis } from '@verdict/shared';
import { ApiResponse, TestApp, uniqueKey } from './app';

type Api = TestApp['api'];

function expectStatus<T>(res: ApiResponse<T>, status: number, what: string): T {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** trigger → signup → activated (need_met) → returned (adoption, terminal). */
export function flowRequest(overrides: Partial<CreateFlowRequest> = {}): CreateFlowRequest {
  return {
    key: uniqueKey('flow'),
    name: 'Onboarding',
    description: 'From landing to second visit',
    steps: [
      { key: 'visit', name: 'Visited the landing page', kind: 'trigger' },
      { key: 'signup', name: 'Signed up', kind: 'step' },
      { key: 'activated', name: 'Activated', kind: 'need_met' },
      { key: 'returned', name: 'Came back', kind: 'adoption', terminal: true },
    ],
    ...overrides,
  };
}

export async function createFlow(api: Api, overrides: Partial<CreateFlowRequest> = {}): Promise<Flow> {
  return expectStatus(await api('POST', '/flows', flowRequest(overrides)), 201, 'createFlow');
}

export function hypothesisRequest(flowKey: string, overrides: Partial<CreateHypothesisRequest> = {}): CreateHypothesisRequest {
  return {
    title: 'One-page signup',
    statement: 'We believe that a one-page signup for new visitors will increase activation by at least 10 %.',
    metricArea: 'customer_engagement',
    flowKey,
    primaryStepKey: 'activated',
    expectedDirection: 'increase',
    minimumEffect: 0.1,
    guardrailStepKeys: ['returned'],
    impact: 4,
    confidence: 3,
    ease: 5,
    owner: 'maria',
    evidence: [{ kind: 'qualitative', source: 'interviews', note: '8 of 12 gave up at the address form' }],
    ...overrides,
  };
}

/** Makes its own flow unless `flowKey` is given. */
export async function createHypothesis(
  api: Api,
  overrides: Partial<CreateHypothesisRequest> = {},
): Promise<Hypothesis> {
  const flowKey = overrides.flowKey ?? (await createFlow(api)).key;
  return expectStatus(await api('POST', '/hypotheses', hypothesisRequest(flowKey, overrides)), 201, 'createHypothesis');
}

export function experimentRequest(
  hypothesisId: string,
  overrides: Partial<CreateExperimentRequest> = {},
): CreateExperimentRequest {
  return {
    key: uniqueKey('exp'),
    name: 'One-page signup test',
    hypothesisId,
    variants: [
      { key: 'control', name: 'Current signup', weight: 0.5, control: true },
      { key: 'treatment', name: 'One page', weight: 0.5 },
    ],
    baselineRate: 0.2,
    ...overrides,
  };
}

/** Makes its own hypothesis (and flow) unless `hypothesisId` is given. */
export async function createExperiment(
  api: Api,
  overrides: Partial<CreateExperimentRequest> = {},
): Promise<Experiment> {
  const hypothesisId = overrides.hypothesisId ?? (await createHypothesis(api)).id;
  return expectStatus(await api('POST', '/experiments', experimentRequest(hypothesisId, overrides)), 201, 'createExperiment');
}

export async function startExperiment(api: Api, key: string): Promise<Experiment> {
  return expectStatus(await api('POST', `/experiments/${key}/start`), 200, 'startExperiment');
}

/** A created and started experiment. */
export async function createRunningExperiment(
  api: Api,
  overrides: Partial<CreateExperimentRequest> = {},
): Promise<Experiment> {
  const experiment = await createExperiment(api, overrides);
  return startExperiment(api, experiment.key);
}

export async function pauseExperiment(api: Api, key: string): Promise<Experiment> {
  return expectStatus(await api('POST', `/experiments/${key}/pause`), 200, 'pauseExperiment');
}

export async function stopExperiment(api: Api, key: string): Promise<Experiment> {
  return expectStatus(await api('POST', `/experiments/${key}/stop`), 200, 'stopExperiment');
}

export async function createCohort(
  api: Api,
  overrides: Record<string, unknown> = {},
): Promise<{ key: string; id: string }> {
  const body = {
    key: uniqueKey('cohort'),
    name: 'Small businesses',
    kind: 'segment',
    rules: [{ attribute: 'companySize', op: 'lt', value: 50 }],
    ...overrides,
  };
  return expectStatus(await api('POST', '/cohorts', body), 201, 'createCohort');
}
