import '../testing/jsdom-polyfills';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { onboardingFlow } from '../testing/fixtures';
import { renderAt, stubFetch } from '../testing/render';
import { HypothesisPage } from './hypothesis-page';

const hypothesis = {
  id: 'h-1',
  title: 'Setup checklist',
  statement: 'A checklist will increase first reports by at least 15%.',
  metricArea: 'customer_engagement',
  flowKey: 'onboarding',
  primaryStepKey: 'first_report',
  expectedDirection: 'increase',
  minimumEffect: 0.15,
  guardrailStepKeys: ['setup'],
  cohortKey: null,
  owner: 'maya',
  impact: 5,
  confidence: 4,
  ease: 4,
  score: 80,
  evidence: [{ kind: 'qualitative', source: '14 interviews', note: '' }],
  version: 1,
  status: 'draft',
  versions: [
    {
      version: 1,
      statement: 'A checklist will increase first reports by at least 15%.',
      primaryStepKey: 'first_report',
      expectedDirection: 'increase',
      minimumEffect: 0.15,
      guardrailStepKeys: ['setup'],
      cohortKey: null,
      createdAt: '2026-11-01T00:00:00Z',
    },
  ],
  statusHistory: [{ from: null, to: 'draft', version: 1, source: 'system', actor: 'admin', reason: 'created (version 1)', at: '2026-11-01T00:00:00Z' }],
  experiments: [],
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

const lift = (stepKey: string, relativeLift: number, half: number) => ({
  stepKey,
  variantKey: 'treatment',
  relativeLift,
  ciRelative: [relativeLift - half, relativeLift + half],
  significant: relativeLift - half > 0,
});

const ITERATIONS = {
  hypothesisId: 'h-1',
  businessOutcomeStepKey: 'paid',
  iterations: [
    {
      version: 1,
      statement: 'v1',
      primaryStepKey: 'first_report',
      experimentKey: 'checklist-v1',
      analysisId: 'a-1',
      ranAt: '2026-11-10T00:00:00Z',
      verdict: 'inconclusive',
      primary: lift('first_report', 0.04, 0.06),
      businessOutcome: lift('paid', 0.01, 0.05),
    },
    {
      version: 2,
      statement: 'v2',
      primaryStepKey: 'first_report',
      experimentKey: null,
      analysisId: null,
      ranAt: null,
      verdict: null,
      primary: null,
      businessOutcome: null,
    },
  ],
};

function setUp() {
  window.sessionStorage.setItem('verdict.token', 'test-token');
  const calls = stubFetch({
    'GET /api/v1/hypotheses/h-1': hypothesis,
    'GET /api/v1/flows/onboarding': onboardingFlow,
    'GET /api/v1/cohorts': { items: [], total: 0 },
    'GET /api/v1/hypotheses/h-1/iterations': ITERATIONS,
    'POST /api/v1/hypotheses/h-1/verdict': hypothesis,
    'POST /api/v1/hypotheses/h-1/versions': { status: 400, body: { statusCode: 400, message: 'statement is too long' } },
  });
  renderAt('/hypotheses/h-1', [{ path: '/hypotheses/:id', element: <HypothesisPage /> }]);
  return calls;
}

const posts = (calls: ReturnType<typeof setUp>) => calls.filter((call) => call.method === 'POST');

describe('HypothesisPage', () => {
  it('shows the statement with step names from the flow, and the history', async () => {
    setUp();
    await screen.findByRole('heading', { name: /Setup checklist/, level: 1 });
    const statement = screen.getByRole('region', { name: 'Statement' });
    await within(statement).findByText('First report (increase by ≥ 15.0%)');
    expect(within(statement).getByText('Setup')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Status history' }).textContent).toContain('created (version 1)');
    expect(screen.getByRole('region', { name: 'Versions' }).textContent).toContain('Version 1');
  });

  it('opens one form at a time', async () => {
    setUp();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit details' }));
    expect(screen.getByRole('form', { name: 'Edit the hypothesis details' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Override verdict' }));
    expect(screen.queryByRole('form', { name: 'Edit the hypothesis details' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Override verdict' }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: 'Edit details' }).getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Override the verdict' })).toBeNull();
  });

  it('asks for a note before overriding, then posts the verdict and closes the form', async () => {
    const calls = setUp();
    fireEvent.click(await screen.findByRole('button', { name: 'Override verdict' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save verdict' }));
    expect(screen.getByRole('alert').textContent).toBe('Say why: the note is kept with the status history.');
    expect(posts(calls)).toEqual([]);

    fireEvent.change(screen.getByLabelText('Verdict'), { target: { value: 'refuted' } });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: '  A launch-week spike.  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save verdict' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Override the verdict' })).toBeNull());
    expect(posts(calls)).toEqual([
      { method: 'POST', url: '/api/v1/hypotheses/h-1/verdict', body: { status: 'refuted', note: 'A launch-week spike.' } },
    ]);
  });

  it('revises from the current version and keeps the form open with the API error when saving fails', async () => {
    const calls = setUp();
    fireEvent.click(await screen.findByRole('button', { name: 'Revise' }));
    const form = screen.getByRole('form', { name: 'Revise the hypothesis' });
    expect((within(form).getByLabelText('Minimum effect (relative, %)') as HTMLInputElement).value).toBe('15');
    fireEvent.change(within(form).getByLabelText('Minimum effect (relative, %)'), { target: { value: '10' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save version 2' }));

    expect((await within(form).findByRole('alert')).textContent).toContain('statement is too long');
    expect(posts(calls)).toEqual([
      {
        method: 'POST',
        url: '/api/v1/hypotheses/h-1/versions',
        body: {
          statement: hypothesis.statement,
          primaryStepKey: 'first_report',
          expectedDirection: 'increase',
          minimumEffect: 0.1,
          cohortKey: null,
          guardrailStepKeys: ['setup'],
          cohortExpectations: [],
        },
      },
    ]);
  });

  it("charts the iterations and lists each version's lifts with their intervals", async () => {
    setUp();
    const table = await screen.findByRole('region', { name: 'Lifts by version' });
    const first = table.querySelector('tr[data-version="1"]') as HTMLElement;
    expect(within(first).getByText('checklist-v1')).toBeTruthy();
    expect(within(first).getByText('+4.0% [−2.0%, +10.0%]')).toBeTruthy();
    expect(within(first).getByText('+1.0% [−4.0%, +6.0%]')).toBeTruthy();
    expect(within(first).getByText('Inconclusive')).toBeTruthy();
    expect(within(table.querySelector('tr[data-version="2"]') as HTMLElement).getByText('not analysed')).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Lift of the primary step and the business outcome per version' })).toBeTruthy();
  });
});
