import '../testing/jsdom-polyfills';
import { render, screen, within } from '@testing-library/react';
import type { StepResult } from '@verdict/shared';
import { StepTable } from './step-table';

// Two steps, control and one treatment; the numbers are what the table must show, formatted.
const steps: StepResult[] = [
  {
    stepKey: 'signup',
    variants: [
      { variantKey: 'control', units: 1200, reached: 1200, deviated: 0, rate: 1, stepThroughRate: null, deviationRate: 0 },
      { variantKey: 'treatment', units: 1180, reached: 1180, deviated: 3, rate: 1, stepThroughRate: null, deviationRate: 0.0025 },
    ],
    comparisons: [
      {
        variantKey: 'treatment',
        absoluteLift: 0,
        relativeLift: 0,
        ciAbsolute: [0, 0],
        ciRelative: [0, 0],
        pValue: 1,
        adjustedPValue: 1,
        significant: false,
        sequential: null,
        chanceToBeatControl: 0.5,
        expectedLoss: { control: 0, treatment: 0 },
      },
    ],
  },
  {
    stepKey: 'first_report',
    variants: [
      { variantKey: 'control', units: 1200, reached: 240, deviated: 12, rate: 0.2, stepThroughRate: 0.2, deviationRate: 0.01 },
      { variantKey: 'treatment', units: 1180, reached: 354, deviated: 9, rate: 0.3, stepThroughRate: 0.3, deviationRate: 0.0076 },
    ],
    comparisons: [
      {
        variantKey: 'treatment',
        absoluteLift: 0.1,
        relativeLift: 0.5,
        ciAbsolute: [0.065, 0.135],
        ciRelative: [0.3123, 0.6877],
        pValue: 0.00000123,
        adjustedPValue: 0.00000123,
        significant: true,
        sequential: { look: 1, informationFraction: 1, z: 5.6, upperBound: 1.96, lowerBound: -1.96, alphaSpent: 0.05 },
        chanceToBeatControl: 0.99995,
        expectedLoss: { control: 0.1, treatment: 0 },
      },
    ],
  },
];

const flowSteps = [
  { key: 'signup', name: 'Sign-up', kind: 'trigger' as const },
  { key: 'first_report', name: 'First report', kind: 'need_met' as const },
];

function row(step: string, variant: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`tr[data-step="${step}"][data-variant="${variant}"]`);
  if (!found) throw new Error(`no row for ${step}/${variant}`);
  return found;
}

describe('StepTable', () => {
  it('shows counts, rate, lift with its interval, p-value, chance to beat control and significance per variant', () => {
    render(<StepTable steps={steps} flowSteps={flowSteps} primaryStepKey="first_report" controlKey="control" />);
    const cells = within(row('first_report', 'treatment'))
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual(['treatment', '1,180', '354', '9', '30.0%', '+50.0% [+31.2%, +68.8%]', '< 0.0001', '100.0%', 'Yes, up']);
    const control = within(row('first_report', 'control')).getAllByRole('cell').map((cell) => cell.textContent);
    expect(control).toEqual(['control (control)', '1,200', '240', '12', '20.0%', 'baseline']);
  });

  it('names steps from the flow, marks the primary step and says "No" when not significant', () => {
    render(<StepTable steps={steps} flowSteps={flowSteps} primaryStepKey="first_report" controlKey="control" />);
    const headers = screen.getAllByRole('rowheader').map((header) => header.textContent);
    expect(headers[0]).toContain('Sign-up');
    expect(headers[1]).toContain('First report');
    expect(headers[1]).toContain('primary');
    expect(headers[0]).not.toContain('primary');
    expect(within(row('signup', 'treatment')).getAllByRole('cell').at(-1)?.textContent).toBe('No');
    expect(within(row('signup', 'treatment')).getAllByRole('cell')[5].textContent).toBe('0.0% [0.0%, 0.0%]');
  });

  it('shows a down arrow for a significant fall and a message for an empty analysis', () => {
    const falling: StepResult[] = [
      {
        ...steps[1],
        comparisons: [{ ...steps[1].comparisons[0], absoluteLift: -0.05, relativeLift: -0.25, ciRelative: [-0.4, -0.1] }],
      },
    ];
    const { unmount } = render(<StepTable steps={falling} controlKey="control" guardrailStepKeys={['first_report']} />);
    const cells = within(row('first_report', 'treatment')).getAllByRole('cell');
    expect(cells.at(-1)?.textContent).toBe('Yes, down');
    expect(cells[5].textContent).toBe('\u221225.0% [\u221240.0%, \u221210.0%]');
    expect(screen.getByRole('rowheader').textContent).toContain('guardrail');
    unmount();
    render(<StepTable steps={[]} />);
    expect(screen.getByText('No step results in this analysis.')).toBeTruthy();
  });

  it('shows the CUPED-adjusted lift with the variance it removed, and the unadjusted figures on demand', () => {
    const adjusted: StepResult[] = [
      {
        ...steps[1],
        comparisons: [
          {
            ...steps[1].comparisons[0],
            unadjusted: { absoluteLift: 0.1, ciAbsolute: [0.064, 0.136], pValue: 0.00002, z: 4.3 },
            cuped: { theta: 0.42, varianceReduction: 0.38 },
          },
        ],
      },
    ];
    render(<StepTable steps={adjusted} controlKey="control" />);
    const lift = within(row('first_report', 'treatment')).getAllByRole('cell')[5];
    expect(lift.textContent).toContain('+50.0% [+31.2%, +68.8%]');
    const details = lift.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('\u221238.0% variance');
    expect(details.textContent).toContain('Unadjusted: +10.0% pts [+6.4%, +13.6%], p < 0.0001');
  });
});

describe('StepTable on milestone steps', () => {
  it('says what a composite and a relative milestone mean, and how many units the relative one left out', () => {
    const milestoneSteps: StepResult[] = [
      { ...steps[1], stepKey: 'mature' },
      {
        ...steps[1],
        stepKey: 'seat_usage',
        excluded: 17,
        variants: steps[1].variants.map((variant, i) => ({ ...variant, excluded: i === 0 ? 8 : 9 })),
      },
    ];
    render(
      <StepTable
        steps={milestoneSteps}
        controlKey="control"
        flowSteps={[
          { key: 'reports', name: 'Reports', kind: 'step' },
          { key: 'alerts', name: 'Alerts', kind: 'step' },
          { key: 'mature', name: 'Mature', kind: 'need_met', milestone: { anyOf: ['reports', 'alerts'], atLeast: 2, withinDays: 30 } },
          { key: 'seat_usage', name: 'Seat usage', kind: 'adoption', milestone: { minEvents: 3, withinDays: 14, perAttribute: 'seats' } },
        ]}
      />,
    );
    expect(screen.getByText(/Milestone: at least 2 of Reports, Alerts within 30 days of assignment/)).toBeTruthy();
    expect(screen.getByText(/Milestone: ≥ 3 aligned events per unit of “seats” within 14 days of assignment/)).toBeTruthy();
    expect(screen.getByText(/17 left out: no usable “seats” value at assignment/)).toBeTruthy();
    const seatRows = document.querySelectorAll('tr[data-step="seat_usage"]');
    expect(within(seatRows[0] as HTMLElement).getByText(/\+8 excluded/)).toBeTruthy();
    expect(within(seatRows[1] as HTMLElement).getByText(/\+9 excluded/)).toBeTruthy();
    // No such note on steps without exclusions.
    expect(document.querySelectorAll('tr[data-step="mature"] .excluded-note')).toHaveLength(0);
  });
});
