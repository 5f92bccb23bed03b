import '../testing/jsdom-polyfills';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderAt, stubFetch } from '../testing/render';
import { ExperimentPage } from './experiment-page';

const experiment = {
  id: 'e1',
  key: 'checklist',
  name: 'Setup checklist',
  hypothesisId: 'h1',
  hypothesisVersion: 1,
  status: 'running',
  method: 'sequential',
  startedAt: '2026-11-01T00:00:00Z',
  stoppedAt: null,
  variants: [
    { key: 'control', name: 'Control', weight: 0.5, control: true },
    { key: 'treatment', name: 'Checklist', weight: 0.5, control: false },
  ],
  coverage: 1,
  seed: 'checklist',
  targetCohortKeys: [],
  alpha: 0.05,
  power: 0.8,
  baselineRate: 0.2,
  plannedSampleSize: 1000,
  analysisIntervalMinutes: 60,
  forcedVariants: {},
  flowKey: 'onboarding',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

const results = {
  analysisId: 'a2',
  experimentKey: 'checklist',
  ranAt: '2026-11-03T00:00:00Z',
  trigger: 'scheduled',
  durationMs: 40,
  postDecision: false,
  srm: { pValue: 0.00002, flagged: true },
  progress: { fraction: 0.4, unitsPerVariant: { control: 520, treatment: 400 }, plannedSampleSize: 1000, expectedDate: '2026-11-20T00:00:00Z' },
  verdict: { status: 'blocked', reason: 'Sample ratio mismatch: no verdict until fixed.', variantKey: null, final: false },
  steps: [],
};

function setUp(answers: Record<string, unknown> = {}) {
  window.sessionStorage.setItem('verdict.token', 'test-token');
  const calls = stubFetch({
    'GET /api/v1/experiments/checklist': experiment,
    'GET /api/v1/hypotheses/h1': { id: 'h1', title: 'Checklist helps', primaryStepKey: 'first_report', guardrailStepKeys: [], versions: [] },
    'GET /api/v1/flows/onboarding': { key: 'onboarding', steps: [] },
    'GET /api/v1/experiments/checklist/results': results,
    'GET /api/v1/experiments/checklist/analyses': {
      items: [
        { id: 'a2', experimentKey: 'checklist', ranAt: '2026-11-03T00:00:00Z', trigger: 'scheduled', status: 'succeeded', error: null, durationMs: 40, verdict: results.verdict, results },
        { id: 'a1', experimentKey: 'checklist', ranAt: '2026-11-02T00:00:00Z', trigger: 'scheduled', status: 'failed', error: 'database went away', durationMs: 3, verdict: null, results: null },
      ],
      total: 2,
    },
    'POST /api/v1/experiments/checklist/stop': { ...experiment, status: 'stopped' },
    ...answers,
  });
  renderAt('/experiments/checklist', [{ path: '/experiments/:key', element: <ExperimentPage /> }]);
  return calls;
}

describe('ExperimentPage', () => {
  it('warns about a sample ratio mismatch, shows the blocked verdict, progress and the failed run', async () => {
    setUp();
    expect((await screen.findByTestId('srm-banner')).textContent).toContain('(p < 0.0001)');
    expect(screen.getByTestId('verdict').getAttribute('data-status')).toBe('blocked');
    expect(screen.getByText(/400 of 1,000 units per variant · expected to reach the plan on 20 Nov 2026/)).toBeTruthy();
    const runs = await screen.findByRole('region', { name: 'Analysis runs' });
    const rows = within(runs).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('id'))).toEqual(['analysis-a2', 'analysis-a1']);
    expect(rows[1].textContent).toContain('database went away');
    expect(within(rows[1]).getByText('Failed')).toBeTruthy();
  });

  it('asks before stopping, then posts the stop', async () => {
    const calls = setUp();
    fireEvent.click(await screen.findByRole('button', { name: 'Stop' }));
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm stop' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/v1/experiments/checklist/stop']));
  });

  it('says so before the first analysis (the API answers 404)', async () => {
    setUp({ 'GET /api/v1/experiments/checklist/results': { status: 404, body: { message: 'no analysis yet' } } });
    expect((await screen.findByTestId('no-results')).textContent).toContain('No analysis yet');
    expect(screen.queryByTestId('srm-banner')).toBeNull();
  });
});
