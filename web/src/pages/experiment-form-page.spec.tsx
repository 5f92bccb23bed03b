import '../testing/jsdom-polyfills';
import { ExperimentDraft, toRequest } from './experiment-form-page';

const draft: ExperimentDraft = {
  key: 'checklist-v1',
  name: 'Setup checklist',
  hypothesisId: 'h-1',
  variants: [
    { key: 'control', name: 'Control', weightPercent: '33.34', control: true },
    { key: 'short', name: '', weightPercent: '33.33', control: false },
    { key: 'long', name: 'Long list', weightPercent: '33.33', control: false },
  ],
  coveragePercent: '50',
  targetCohortKeys: ['smb'],
  method: 'msprt',
  alpha: '0.05',
  power: '0.9',
  baselinePercent: '24',
  analysisIntervalMinutes: '30',
  seed: '',
  plannedSampleSize: '',
  varianceReduction: 'cuped',
  lookbackDays: '7',
};

describe('experiment form → request', () => {
  it('turns percentages into fractions, keeps the variant order and leaves the seed to the server', () => {
    expect(toRequest(draft)).toEqual({
      body: {
        key: 'checklist-v1',
        name: 'Setup checklist',
        hypothesisId: 'h-1',
        variants: [
          { key: 'control', name: 'Control', weight: 0.3334, control: true },
          { key: 'short', weight: 0.3333, control: false },
          { key: 'long', name: 'Long list', weight: 0.3333, control: false },
        ],
        coverage: 0.5,
        targetCohortKeys: ['smb'],
        method: 'msprt',
        alpha: 0.05,
        power: 0.9,
        baselineRate: 0.24,
        analysisIntervalMinutes: 30,
        varianceReduction: { method: 'cuped', lookbackDays: 7 },
      },
    });
  });

  it('sends a planned sample size typed by hand', () => {
    expect(toRequest({ ...draft, plannedSampleSize: '4000', seed: 'fixed-seed' }).body).toMatchObject({ plannedSampleSize: 4000, seed: 'fixed-seed' });
  });

  it.each([
    [{ key: 'has space' }, 'The key is required and may hold letters, digits, "-", "_" and "." only.'],
    [{ hypothesisId: '' }, 'Choose the hypothesis this experiment tests.'],
    [{ variants: draft.variants.map((variant) => ({ ...variant, control: true })) }, 'Mark exactly one variant as control.'],
    [{ variants: draft.variants.map((variant) => ({ ...variant, weightPercent: '30' })) }, 'Weights must add up to 100%.'],
    [{ variants: [{ ...draft.variants[0], weightPercent: '100' }, { ...draft.variants[1], weightPercent: '0' }] }, 'Every weight must be above 0.'],
    [{ coveragePercent: '0' }, 'Coverage must be above 0% and at most 100%.'],
    [{ baselinePercent: '100' }, 'The baseline rate must lie between 0% and 100%.'],
    [{ plannedSampleSize: '12.5' }, 'The planned sample size must be a whole number of units.'],
    [{ lookbackDays: '31' }, 'The CUPED lookback must be a whole number of days from 1 to 30.'],
  ])('refuses %j', (patch, problem) => {
    expect(toRequest({ ...draft, ...patch })).toEqual({ problem });
  });
});
