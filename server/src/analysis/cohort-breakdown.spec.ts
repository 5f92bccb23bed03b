import * as path from 'node:path';
import { toMatchFile } from 'jest-file-snapshot';
import { stepMetricsStatement } from './step-metrics.query';
import { membershipGroups } from './cohort-breakdown';

expect.extend({ toMatchFile });

// The cohort breakdown's grouping of the step-metrics statement, committed for review. After an
// intended change: npx jest -u server/src/analysis/cohort-breakdown.spec.ts
describe('the SQL of the cohort breakdown', () => {
  it('counts every assignment in the total and in each cohort it matches, in one statement', () => {
    const { sql, params } = stepMetricsStatement({
      experimentId: '00000000-0000-4000-8000-000000000001',
      flowKey: 'checkout',
      steps: [{ key: 'visit' }, { key: 'paid' }],
      asOf: new Date('2026-01-01T00:00:00Z'),
      groups: membershipGroups([
        { key: 'smb', name: 'SMB', kind: 'segment', rules: [{ attribute: 'size', op: 'eq', value: 'smb' }], members: [] },
        {
          key: 'big-eu',
          name: 'Big in the EU',
          kind: 'custom',
          rules: [
            { attribute: 'seats', op: 'gte', value: 50 },
            { attribute: 'country', op: 'in', value: ['de', 'fr'] },
          ],
          members: [],
        },
        { key: 'partners', name: 'Partners', kind: 'focus_group', rules: [], members: ['u1', 'u2'] },
      ]),
    });
    const header = params.map((value, i) => `-- $${i + 1} = ${value instanceof Date ? value.toISOString() : JSON.stringify(value)}`);
    expect(`${header.join('\n')}\n${sql.trim()}\n`).toMatchFile(path.join(__dirname, '__sql__', 'step-metrics-cohort-groups.sql'));
  });
});
