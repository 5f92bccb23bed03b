// Every console route in one place; pages link through these helpers, never by hand-built strings.
const segment = encodeURIComponent;

export const routes = {
  signIn: '/sign-in',
  board: '/',
  hypothesisNew: '/hypotheses/new',
  hypothesis: (id: string) => `/hypotheses/${segment(id)}`,
  experiments: '/experiments',
  experimentNew: (hypothesisId?: string) =>
    hypothesisId ? `/experiments/new?hypothesisId=${segment(hypothesisId)}` : '/experiments/new',
  experiment: (key: string) => `/experiments/${segment(key)}`,
  experimentEdit: (key: string) => `/experiments/${segment(key)}/edit`,
  flows: '/flows',
  flowNew: '/flows/new',
  flow: (key: string) => `/flows/${segment(key)}`,
  flowInsights: (key: string) => `/flows/${segment(key)}/insights`,
  flowHealth: (key: string) => `/flows/${segment(key)}/health`,
  cohorts: '/cohorts',
  cohortNew: '/cohorts/new',
  cohort: (key: string) => `/cohorts/${segment(key)}`,
  // Not under /api: the server sends every /api… path to the API, not to the console.
  apiKeys: '/settings/api-keys',
  webhooks: '/settings/webhooks',
};

/** Route patterns for the router (the same paths as above, with parameters). */
export const routePatterns = {
  signIn: routes.signIn,
  board: routes.board,
  hypothesisNew: routes.hypothesisNew,
  hypothesis: '/hypotheses/:id',
  experiments: routes.experiments,
  experimentNew: '/experiments/new',
  experiment: '/experiments/:key',
  experimentEdit: '/experiments/:key/edit',
  flows: routes.flows,
  flowNew: routes.flowNew,
  flow: '/flows/:key',
  flowInsights: '/flows/:key/insights',
  flowHealth: '/flows/:key/health',
  cohorts: routes.cohorts,
  cohortNew: routes.cohortNew,
  cohort: '/cohorts/:key',
  apiKeys: routes.apiKeys,
  webhooks: routes.webhooks,
};
