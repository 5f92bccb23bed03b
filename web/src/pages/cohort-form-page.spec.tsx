import '../testing/jsdom-polyfills';
import { formatRuleValue, parseRuleValue } from './cohort-form-page';
import { emptyStep } from '../components/steps-editor';
import { toSteps } from './flow-form-page';

describe('cohort rule values typed as text', () => {
  it.each([
    ['in', 'uk, de ,fr', ['uk', 'de', 'fr']],
    ['nin', '1, 2, three', [1, 2, 'three']],
    ['in', '', []],
    ['lt', '50', 50],
    ['gte', '2.5', 2.5],
    ['eq', 'retail', 'retail'],
    ['eq', '42', 42],
    ['neq', ' trial ', 'trial'],
    ['contains', '42', '42'],
  ] as const)('%s %j → %j', (op, text, value) => {
    expect(parseRuleValue(op, text)).toEqual(value);
  });

  it('shows lists joined by commas, so editing a rule round-trips', () => {
    expect(formatRuleValue(['uk', 'de'])).toBe('uk, de');
    expect(parseRuleValue('in', formatRuleValue(['uk', 'de']))).toEqual(['uk', 'de']);
    expect(formatRuleValue(50)).toBe('50');
  });
});

describe('flow steps from the form', () => {
  it('trims keys and names and sends a milestone only for milestone steps', () => {
    expect(
      toSteps([
        { ...emptyStep('trigger'), key: ' signup ', name: 'Sign-up ', minEvents: '10', withinDays: '30' },
        { ...emptyStep('adoption'), key: 'active', name: 'Activated', terminal: true, milestone: true, minEvents: '10', withinDays: '90' },
      ]),
    ).toEqual([
      { key: 'signup', name: 'Sign-up', kind: 'trigger', terminal: false },
      { key: 'active', name: 'Activated', kind: 'adoption', terminal: true, milestone: { minEvents: 10, withinDays: 90 } },
    ]);
  });
});
