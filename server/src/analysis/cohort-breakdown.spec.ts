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

  it('packs more than 63 cohorts into several bit masks and numbers them on across the masks', () => {
    const { sql } = stepMetricsStatement({
      experimentId: '00000000-0000-4000-8000-000000000001',
      flowKey: 'checkout',
      steps: [{ key: 'visit' }],
      asOf: new Date('2026-01-01T00:00:00Z'),
      groups: () => Array.from({ length: 65 }, (_, i) => `a.unit_id = 'u${i}'`),
    });
    // Groups 0–62 in the first mask (bit 62 is the largest positive bigint power of two), 63 and 64 in the second.
    expect(sql).toContain(`CASE WHEN a.unit_id = 'u62' THEN 4611686018427387904::bigint ELSE 0::bigint END) AS groups_0`);
    expect(sql).toContain(`(CASE WHEN a.unit_id = 'u63' THEN 1::bigint ELSE 0::bigint END\n      | CASE WHEN a.unit_id = 'u64' THEN 2::bigint ELSE 0::bigint END) AS groups_1`);
    expect(sql).toContain('GROUP BY a.variant_key, a.groups_0, a.groups_1');
    expect(sql).toContain('SELECT 0 + b FROM generate_series(0, 62) AS b WHERE c.groups_0 & (1::bigint << b) <> 0');
    expect(sql).toContain('SELECT 63 + b FROM generate_series(0, 1) AS b WHERE c.groups_1 & (1::bigint << b) <> 0');
  });
});
