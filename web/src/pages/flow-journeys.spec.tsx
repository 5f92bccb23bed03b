import '../testing/jsdom-polyfills';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderAt, stubFetch } from '../testing/render';
import { FlowHealthPage } from './flow-health-page';
import { FlowInsightsPage, rankSteps } from './flow-insights-page';

const flow = {
  id: 'f1',
  key: 'incidents',
  name: 'Incident response',
  steps: [
    { key: 'alert', name: 'Alert', kind: 'trigger' },
    { key: 'review', name: 'Reviewed', kind: 'step' },
    { key: 'resolve', name: 'Resolved', kind: 'need_met' },
    { key: 'renew', name: 'Renewed', kind: 'business_outcome', terminal: true },
  ],
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

const step = (stepKey: string, relativeRisk: number | null) => ({
  stepKey,
  reached: 10,
  shareReached: 0.5,
  outcomeRateReached: 0.4,
  outcomeRateNotReached: 0.2,
  relativeRisk,
  ci: relativeRisk === null ? null : [relativeRisk / 2, relativeRisk * 2],
});

const insights = {
  outcome: 'renew',
  days: 90,
  cohort: null,
  units: 20,
  steps: [step('alert', null), step('review', 1.2), step('resolve', 2.5), step('renew', null)],
};

describe('the insights page', () => {
  it('ranks steps by relative risk, unranked ones last, the outcome left out', () => {
    expect(rankSteps(insights.steps as never, 'renew').map((s) => s.stepKey)).toEqual(['resolve', 'review', 'alert']);
  });

  it('says it is association and asks for the business outcome by default', async () => {
    window.sessionStorage.setItem('verdict.token', 'test-token');
    const calls = stubFetch({
      'GET /api/v1/flows/incidents': flow,
      'GET /api/v1/cohorts': { items: [{ key: 'admins', name: 'Admins' }], total: 1 },
      'GET /api/v1/flows/incidents/insights': insights,
    });
    renderAt('/flows/incidents/insights', [{ path: '/flows/:key/insights', element: <FlowInsightsPage /> }]);
    await screen.findByRole('table', { name: 'Steps ranked by relative risk' });
    expect(screen.getByRole('note').textContent).toContain('This is association, not effect');
    expect(calls.find((c) => c.url.includes('/insights'))!.url).toContain('outcome=renew&days=90');
    const rows = within(screen.getByRole('table', { name: 'Steps ranked by relative risk' })).getAllByRole('row');
    expect(rows[1].textContent).toContain('Resolved');
    expect(rows[1].textContent).toContain('2.50×');

    fireEvent.change(screen.getByLabelText('Cohort (current attributes)'), { target: { value: 'admins' } });
    await waitFor(() => expect(calls.some((c) => c.url.includes('cohort=admins'))).toBe(true));
  });
});

describe('the journey health page', () => {
  it('shows each expectation with its escalation, and saves the edited set', async () => {
    window.sessionStorage.setItem('verdict.token', 'test-token');
    const expectations = [
      { cohortKey: 'admins', stepKey: 'review', expectedRate: 0.7, windowDays: 7 },
      { cohortKey: 'users', stepKey: 'resolve', expectedRate: 0.4, windowDays: 14 },
    ];
    const measured = (e: (typeof expectations)[number], reached: number) => ({ ...e, units: 100, reached, observedRate: reached / 100, pValue: 0.001 });
    const calls = stubFetch({
      'GET /api/v1/flows/incidents': flow,
      'GET /api/v1/cohorts': { items: [{ key: 'admins', name: 'Admins' }, { key: 'users', name: 'End users' }], total: 2 },
      'GET /api/v1/flows/incidents/expectations': { flowKey: 'incidents', expectations },
      'PUT /api/v1/flows/incidents/expectations': { flowKey: 'incidents', expectations },
      'GET /api/v1/flows/incidents/health': {
        checkedAt: '2026-12-01T06:00:00Z',
        expectations: [
          { ...measured(expectations[0], 40), checkedAt: '2026-12-01T06:00:00Z', escalation: { status: 'open', openedAt: '2026-12-01T06:00:00Z', closedAt: null } },
          { ...measured(expectations[1], 50), checkedAt: '2026-12-01T06:00:00Z', escalation: null },
        ],
        history: [{ ...measured(expectations[0], 40), checkedAt: '2026-12-01T06:00:00Z' }],
      },
    });
    renderAt('/flows/incidents/health', [{ path: '/flows/:key/health', element: <FlowHealthPage /> }]);
    const admins = await screen.findByRole('article', { name: 'Admins → Reviewed' });
    expect(within(admins).getByText(/Escalated since/)).toBeTruthy();
    expect(within(screen.getByRole('article', { name: 'End users → Resolved' })).getByText('No escalation')).toBeTruthy();

    const rate = await screen.findByLabelText('Expected %', { selector: '#exp-rate-0' });
    fireEvent.change(rate, { target: { value: '65' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save expectations' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ expectations: [{ ...expectations[0], expectedRate: 0.65 }, expectations[1]] });
  });
});
