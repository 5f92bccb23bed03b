import '../testing/jsdom-polyfills';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Breakdown, BreakdownRow } from '@verdict/shared';
import { BreakdownSection } from './breakdown-section';
import { ExpectationBadges } from './expectation-badges';

const row = (cohortKey: string, name: string, kind: BreakdownRow['kind'], lift: number, flagged: boolean): BreakdownRow => ({
  cohortKey,
  name,
  kind,
  unitsPerVariant: { control: 500, treatment: 510 },
  steps: ['visit', 'paid'].map((stepKey) => ({
    stepKey,
    variants: [
      { variantKey: 'control', units: 500, reached: 100, deviated: 0, rate: 0.2, stepThroughRate: null, deviationRate: 0 },
      { variantKey: 'treatment', units: 510, reached: 130, deviated: 0, rate: 0.255, stepThroughRate: null, deviationRate: 0 },
    ],
    comparisons: [
      {
        variantKey: 'treatment',
        absoluteLift: 0.05,
        relativeLift: stepKey === 'paid' ? lift : 0,
        ciAbsolute: [0.01, 0.09],
        ciRelative: [lift - 0.2, lift + 0.2],
        pValue: 0.01,
        adjustedPValue: 0.03,
        differentialImpact: {
          difference: 0.1,
          z: 3,
          pValue: 0.003,
          adjustedPValue: 0.006,
          flagged: flagged && stepKey === 'paid',
          summary: flagged && stepKey === 'paid' ? `the effect of treatment in ${name} differs from the rest (+${Math.round(lift * 100)}% vs +2%)` : null,
        },
      },
    ],
  })),
});

const breakdown: Breakdown = {
  analysisId: 'a1',
  ranAt: '2026-12-01T00:00:00Z',
  audienceCohortKey: null,
  cohorts: [row('smb', 'Small businesses', 'segment', 0.5, true), row('beta', 'Beta testers', 'custom', 0.1, false)],
  expectations: [],
};

describe('BreakdownSection', () => {
  it('lists every cohort with units, lift, adjusted p and a badge where its effect differs; filters by kind and step', () => {
    render(<BreakdownSection breakdown={breakdown} stepKeys={['visit', 'paid']} variantKeys={['control', 'treatment']} treatmentKeys={['treatment']} initialStepKey="paid" />);
    const table = screen.getByTestId('breakdown-table');
    const smb = within(table).getByText('Small businesses').closest('tr')!;
    expect(within(smb).getByTestId('differential-badge').textContent).toContain('Differs');
    expect(smb.textContent).toContain('+50.0%');
    expect(smb.textContent).toContain('0.0300');
    expect(within(within(table).getByText('Beta testers').closest('tr')!).queryByTestId('differential-badge')).toBeNull();
    expect(screen.getByTestId('differential-summaries').textContent).toContain('The effect of treatment in Small businesses differs from the rest (+50% vs +2%).');

    fireEvent.change(screen.getByLabelText('Cohort kind'), { target: { value: 'custom' } });
    expect(within(table).queryByText('Small businesses')).toBeNull();
    fireEvent.change(screen.getByLabelText('Cohort kind'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Step'), { target: { value: 'visit' } });
    expect(screen.queryAllByTestId('differential-badge')).toHaveLength(0);
  });
});

describe('ExpectationBadges', () => {
  it('shows each expectation’s status, or that it is not analysed yet', () => {
    const { rerender } = render(<ExpectationBadges expectations={[{ cohortKey: 'smb', stepKey: 'paid', direction: 'increase', baselineRate: 0.2 }]} />);
    expect(screen.getByTestId('expectation').getAttribute('data-status')).toBe('draft');
    expect(screen.getByTestId('expectation').textContent).toContain('Not analysed');
    rerender(
      <ExpectationBadges
        results={[{ cohortKey: 'smb', stepKey: 'paid', direction: 'increase', status: 'validated', reason: 'moved paid', informationFraction: 1, plan: 356 }]}
      />,
    );
    expect(screen.getByTestId('expectation').getAttribute('data-status')).toBe('validated');
    expect(screen.getByTestId('expectation').textContent).toContain('100% of 356 per variant');
  });
});
