import '../testing/jsdom-polyfills';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Flow } from '@verdict/shared';
import { emptyStep } from '../components/steps-editor';
import { routePatterns } from '../routes';
import { renderAt, stubFetch } from '../testing/render';
import { FlowFormPage, fromSteps, milestoneProblem, toSteps } from './flow-form-page';

const workspace: Flow = {
  id: 'f-1',
  key: 'workspace',
  name: 'Workspace',
  steps: [
    { key: 'opened', name: 'Opened', kind: 'trigger', terminal: false, milestone: null },
    { key: 'reports', name: 'Reports', kind: 'step', terminal: false, milestone: null },
    { key: 'alerts', name: 'Alerts', kind: 'step', terminal: false, milestone: null },
    { key: 'dashboards', name: 'Dashboards', kind: 'step', terminal: false, milestone: null },
    { key: 'mature', name: 'Mature', kind: 'need_met', terminal: false, milestone: { anyOf: ['reports', 'dashboards'], atLeast: 2, withinDays: 30 } },
    { key: 'seats', name: 'Seat usage', kind: 'adoption', terminal: true, milestone: { minEvents: 3, withinDays: 14, perAttribute: 'seats' } },
  ],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

const flowRoutes = [
  { path: routePatterns.flowNew, element: <FlowFormPage /> },
  { path: routePatterns.flow, element: <FlowFormPage /> },
  { path: routePatterns.flows, element: <p>Flows list</p> },
];

describe('milestones in the flow form', () => {
  it('round-trips composite and relative milestones between the API and the form', () => {
    expect(toSteps(fromSteps(workspace.steps))).toEqual(
      workspace.steps.map(({ milestone, ...step }) => (milestone ? { ...step, milestone } : step)),
    );
  });

  it('sends only the fields of the chosen kind, and drops composite steps that no longer exist', () => {
    const drafts = [
      { ...emptyStep('trigger'), key: 'a', name: 'A' },
      { ...emptyStep(), key: 'b', name: 'B' },
      { ...emptyStep(), key: 'm', name: 'M', milestone: true, milestoneKind: 'composite' as const, anyOf: ['b', 'gone'], atLeast: '1', minEvents: '4' },
      { ...emptyStep(), key: 'r', name: 'R', milestone: true, milestoneKind: 'relative' as const, minEvents: '2', perAttribute: ' seats ', withinDays: '7' },
    ];
    const [, , composite, relative] = toSteps(drafts);
    expect(composite.milestone).toEqual({ anyOf: ['b'], atLeast: 1, withinDays: 30 });
    expect(relative.milestone).toEqual({ minEvents: 2, withinDays: 7, perAttribute: 'seats' });
  });

  it('says when a composite milestone has no steps or asks for more than it has', () => {
    const base = [{ ...emptyStep('trigger'), key: 'a', name: 'A' }, { ...emptyStep(), key: 'b', name: 'B' }];
    const milestone = { ...emptyStep(), key: 'm', name: 'Mature', milestone: true, milestoneKind: 'composite' as const };
    expect(milestoneProblem([...base, { ...milestone, anyOf: [] }])).toBe('Milestone "Mature": choose the steps it counts.');
    expect(milestoneProblem([...base, { ...milestone, anyOf: ['a', 'b'], atLeast: '3' }])).toBe(
      'Milestone "Mature": "at least" can be at most 2, the number of steps chosen.',
    );
    expect(milestoneProblem([...base, { ...milestone, anyOf: ['a', 'b'], atLeast: '2' }])).toBeNull();
  });

  it('shows a stored composite milestone with its steps ticked and a relative one with its attribute', async () => {
    stubFetch({ 'GET /api/v1/flows/workspace': workspace });
    renderAt('/flows/workspace', flowRoutes);
    const composite = await screen.findByRole('group', { name: 'Milestone of step 5' });
    expect(within(composite).getByLabelText<HTMLSelectElement>('Milestone kind').value).toBe('composite');
    expect(within(composite).getByLabelText<HTMLInputElement>('Reports').checked).toBe(true);
    expect(within(composite).getByLabelText<HTMLInputElement>('Alerts').checked).toBe(false);
    expect(within(composite).getByLabelText<HTMLInputElement>('Dashboards').checked).toBe(true);
    // Only other, non-milestone steps can be counted.
    expect(within(composite).queryByLabelText('Seat usage')).toBeNull();
    expect(within(composite).getByLabelText<HTMLInputElement>('At least').value).toBe('2');
    const relative = screen.getByRole('group', { name: 'Milestone of step 6' });
    expect(within(relative).getByLabelText<HTMLSelectElement>('Milestone kind').value).toBe('relative');
    expect(within(relative).getByLabelText<HTMLInputElement>('Per attribute').value).toBe('seats');
    expect(within(relative).getByLabelText<HTMLInputElement>('Min events per unit').value).toBe('3');
  });

  it('creates a flow with a composite milestone chosen in the editor', async () => {
    const calls = stubFetch({ 'POST /api/v1/flows': { status: 201, body: workspace }, 'GET /api/v1/flows': { items: [], total: 0 } });
    renderAt('/flows/new', flowRoutes);
    fireEvent.change(await screen.findByLabelText('Key', { selector: '#flow-key' }), { target: { value: 'trial' } });
    fireEvent.change(screen.getByLabelText('Name', { selector: '#flow-name' }), { target: { value: 'Trial' } });
    const names = ['Opened', 'Reports', 'Mature'];
    names.forEach((name, index) => {
      fireEvent.change(screen.getByLabelText('Key', { selector: `#step-${index}-key` }), { target: { value: name.toLowerCase() } });
      fireEvent.change(screen.getByLabelText('Name', { selector: `#step-${index}-name` }), { target: { value: name } });
    });
    fireEvent.click(screen.getAllByLabelText('Milestone')[2]);
    const group = screen.getByRole('group', { name: 'Milestone of step 3' });
    fireEvent.change(within(group).getByLabelText('Milestone kind'), { target: { value: 'composite' } });
    fireEvent.click(within(group).getByLabelText('Reports'));
    fireEvent.click(within(group).getByLabelText('Opened'));
    fireEvent.change(within(group).getByLabelText('At least'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create flow' }));
    expect(await screen.findByText('Milestone "Mature": "at least" can be at most 2, the number of steps chosen.')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(group).getByLabelText('At least'), { target: { value: '2' } });
    fireEvent.change(within(group).getByLabelText('Within days'), { target: { value: '14' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create flow' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    const body = calls.find((call) => call.method === 'POST')!.body as { steps: { milestone?: unknown }[] };
    expect(body.steps[2].milestone).toEqual({ anyOf: ['reports', 'opened'], atLeast: 2, withinDays: 14 });
    expect(body.steps[0].milestone).toBeUndefined();
  });
});
