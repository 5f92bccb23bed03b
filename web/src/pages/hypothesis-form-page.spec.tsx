import '../testing/jsdom-polyfills';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { onboardingFlow } from '../testing/fixtures';
import { renderAt, stubFetch } from '../testing/render';
import { HypothesisFormPage } from './hypothesis-form-page';

function setUp() {
  window.sessionStorage.setItem('verdict.token', 'test-token');
  const calls = stubFetch({
    'GET /api/v1/flows': { items: [onboardingFlow], total: 1 },
    'GET /api/v1/cohorts': { items: [], total: 0 },
    'POST /api/v1/hypotheses': { status: 201, body: { id: 'h-1' } },
    'GET /api/v1/hypotheses/h-1': { status: 404, body: { message: 'not here' } },
  });
  renderAt('/hypotheses/new', [
    { path: '/hypotheses/new', element: <HypothesisFormPage /> },
    { path: '/hypotheses/:id', element: <p>hypothesis page</p> },
  ]);
  return calls;
}

describe('HypothesisFormPage', () => {
  it('offers the chosen flow steps and posts the hypothesis with the effect as a fraction', async () => {
    const calls = setUp();
    const user = userEvent.setup();
    await screen.findByRole('option', { name: 'Onboarding' });
    await user.type(screen.getByLabelText('Title'), 'Setup checklist');
    await user.selectOptions(screen.getByLabelText('Flow'), 'onboarding');
    await user.type(screen.getByLabelText('Statement'), 'A checklist will increase first reports.');
    await user.selectOptions(screen.getByLabelText('Primary step'), 'first_report');
    const effect = screen.getByLabelText('Minimum effect (relative, %)');
    await user.clear(effect);
    await user.type(effect, '25');
    await user.click(screen.getByLabelText('Sign-up'));
    await user.selectOptions(screen.getByLabelText('Impact (1–5)'), '5');
    await user.click(screen.getByRole('button', { name: 'Create hypothesis' }));

    await screen.findByText('hypothesis page');
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.url).toBe('/api/v1/hypotheses');
    expect(post?.body).toEqual({
      title: 'Setup checklist',
      statement: 'A checklist will increase first reports.',
      metricArea: 'customer_engagement',
      flowKey: 'onboarding',
      primaryStepKey: 'first_report',
      expectedDirection: 'increase',
      minimumEffect: 0.25,
      guardrailStepKeys: ['signup'],
      impact: 5,
      confidence: 3,
      ease: 3,
      evidence: [],
    });
  });

  it('refuses to submit without a flow and primary step, and sends nothing', async () => {
    const calls = setUp();
    await screen.findByRole('option', { name: 'Onboarding' });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Half written' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create hypothesis' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Title, statement, flow and primary step are required.');
    expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('shows the sample size and the days it takes at the expected traffic', async () => {
    setUp();
    await screen.findByRole('option', { name: 'Onboarding' });
    fireEvent.change(screen.getByLabelText('Minimum effect (relative, %)'), { target: { value: '25' } });
    fireEvent.change(screen.getByLabelText('Baseline rate of the primary step (%)'), { target: { value: '20' } });
    fireEvent.change(screen.getByLabelText('Expected units per day'), { target: { value: '1000' } });
    // Reference: p1 = 0.20, p2 = 0.25, alpha 0.05 two-sided, power 0.8, computed by hand from the
    // The sample-size formula (docs/statistics.md): (1.959964·√(2·0.225·0.775) + 0.841621·√(0.16+0.1875))² / 0.05² = 1093.74 → 1094
    // (the textbook two-proportion value without continuity correction, Fleiss et al. 2003, §4.2).
    // Two variants need 2,188 units: 3 days at 1,000 a day.
    await waitFor(() =>
      expect(screen.getByTestId('sample-size').textContent).toBe(
        '1,094 units per variant (2,188 in all) · about 3 days at 1,000 units a day',
      ),
    );
    fireEvent.change(screen.getByLabelText('Minimum effect (relative, %)'), { target: { value: '500' } });
    await waitFor(() => expect(screen.getByTestId('sample-size').textContent).toMatch(/minimumEffect/));
  });
});
