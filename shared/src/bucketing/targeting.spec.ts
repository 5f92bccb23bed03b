import type { CohortRule } from '../api/cohorts';
import { isTargeted, matchesCohort, matchesRule } from './targeting';

const rule = (attribute: string, op: CohortRule['op'], value: unknown): CohortRule => ({ attribute, op, value });

describe('matchesRule', () => {
  it.each([
    [rule('plan', 'eq', 'pro'), { plan: 'pro' }, true],
    [rule('plan', 'eq', 'pro'), { plan: 'free' }, false],
    [rule('plan', 'eq', 'pro'), {}, false],
    [rule('employees', 'eq', 50), { employees: '50' }, true],
    [rule('beta', 'eq', true), { beta: 'true' }, false],
    [rule('beta', 'eq', true), { beta: true }, true],
    [rule('plan', 'neq', 'pro'), { plan: 'free' }, true],
    [rule('plan', 'neq', 'pro'), { plan: 'pro' }, false],
    [rule('plan', 'neq', 'pro'), {}, true],
    [rule('country', 'in', ['FR', 'DE']), { country: 'DE' }, true],
    [rule('country', 'in', ['FR', 'DE']), { country: 'US' }, false],
    [rule('country', 'in', ['FR', 'DE']), {}, false],
    [rule('country', 'nin', ['FR', 'DE']), { country: 'US' }, true],
    [rule('country', 'nin', ['FR', 'DE']), { country: 'FR' }, false],
    [rule('country', 'nin', ['FR', 'DE']), {}, true],
    [rule('age', 'gt', 30), { age: 31 }, true],
    [rule('age', 'gt', 30), { age: 30 }, false],
    [rule('age', 'gte', 30), { age: 30 }, true],
    [rule('age', 'lt', 30), { age: '29.5' }, true],
    [rule('age', 'lte', 30), { age: 30 }, true],
    [rule('age', 'lte', 30), { age: 30.01 }, false],
    [rule('age', 'gt', 30), { age: 'old' }, false],
    [rule('age', 'gt', 30), {}, false],
    [rule('signedUp', 'gte', '2026-01-01'), { signedUp: '2026-03-04T10:00:00Z' }, true],
    [rule('signedUp', 'lt', '2026-01-01'), { signedUp: '2026-03-04T10:00:00Z' }, false],
    [rule('email', 'contains', '@acme.'), { email: 'ana@acme.io' }, true],
    [rule('email', 'contains', '@acme.'), { email: 'ana@other.io' }, false],
    [rule('tags', 'contains', 'vip'), { tags: ['new', 'vip'] }, true],
    [rule('tags', 'contains', 'vip'), { tags: ['new'] }, false],
    [rule('tags', 'contains', 'vip'), { tags: 7 }, false],
  ])('%j on %j → %s', (r, attributes, expected) => {
    expect(matchesRule(r, attributes)).toBe(expected);
  });
});

describe('matchesCohort and isTargeted', () => {
  const smbFrance = {
    key: 'smb-fr',
    rules: [rule('employees', 'lt', 50), rule('country', 'eq', 'FR')],
    members: [],
  };
  const focus = { key: 'beta', rules: [], members: Array.from({ length: 40 }, (_, i) => `member-${i}`) };

  it('needs every rule of a cohort (AND)', () => {
    expect(matchesCohort(smbFrance, 'u', { employees: 10, country: 'FR' })).toBe(true);
    expect(matchesCohort(smbFrance, 'u', { employees: 10, country: 'DE' })).toBe(false);
    expect(matchesCohort(smbFrance, 'u', { employees: 80, country: 'FR' })).toBe(false);
  });

  it('matches explicit members of a focus group, and nobody for an empty cohort', () => {
    expect(matchesCohort(focus, 'member-39', {})).toBe(true);
    expect(matchesCohort(focus, 'member-40', {})).toBe(false);
    expect(matchesCohort({ key: 'empty', rules: [], members: [] }, 'u', { any: 1 })).toBe(false);
  });

  it('needs any one target cohort (OR); no cohorts targets everyone', () => {
    expect(isTargeted([], 'anyone', {})).toBe(true);
    expect(isTargeted([smbFrance, focus], 'member-3', {})).toBe(true);
    expect(isTargeted([smbFrance, focus], 'u', { employees: 3, country: 'FR' })).toBe(true);
    expect(isTargeted([smbFrance, focus], 'u', { employees: 3, country: 'US' })).toBe(false);
  });
});
