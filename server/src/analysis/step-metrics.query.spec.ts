import * as path from 'node:path';
import { toMatchFile } from 'jest-file-snapshot';
import { stepMetricsStatement } from './step-metrics.query';

expect.extend({ toMatchFile });

// The analysis' one aggregation, committed for review: a change to it shows in the diff of
// __sql__/. After an intended change: npx jest -u server/src/analysis/step-metrics.query.spec.ts
describe('the SQL of the step metrics', () => {
  const statement = (lookbackDays: number | null) => {
    const { sql, params } = stepMetricsStatement({
      experimentId: '00000000-0000-4000-8000-000000000001',
      flowKey: 'onboarding',
      steps: [
        { key: 'visit' },
        { key: 'signup' },
        { key: 'activated', milestone: { minEvents: 3, withinDays: 14 } },
        { key: 'returned' },
      ],
      asOf: new Date('2026-01-01T00:00:00Z'),
      lookbackDays,
    });
    const header = params.map((value, i) => `-- $${i + 1} = ${value instanceof Date ? value.toISOString() : String(value)}`);
    return `${header.join('\n')}\n${sql.trim()}\n`;
  };

  it('aggregates a 4-step flow (one step a milestone) in one statement', () => {
    expect(statement(null)).toMatchFile(path.join(__dirname, '__sql__', 'step-metrics-4-steps.sql'));
  });

  it("adds CUPED's covariate sums to the same statement", () => {
    expect(statement(14)).toMatchFile(path.join(__dirname, '__sql__', 'step-metrics-4-steps-cuped.sql'));
  });

  it('counts composite and relative milestones in the same statement', () => {
    const { sql, params } = stepMetricsStatement({
      experimentId: '00000000-0000-4000-8000-000000000001',
      flowKey: 'workspace',
      steps: [
        { key: 'invited' },
        { key: 'reports' },
        { key: 'alerts' },
        { key: 'dashboards' },
        { key: 'mature', milestone: { anyOf: ['reports', 'alerts', 'dashboards'], atLeast: 2, withinDays: 30 } },
        { key: 'active_seats', milestone: { minEvents: 5, withinDays: 30, perAttribute: 'seats' } },
      ],
      asOf: new Date('2026-01-01T00:00:00Z'),
    });
    const header = params.map((value, i) => `-- $${i + 1} = ${value instanceof Date ? value.toISOString() : String(value)}`);
    expect(`${header.join('\n')}\n${sql.trim()}\n`).toMatchFile(path.join(__dirname, '__sql__', 'step-metrics-milestones.sql'));
  });

  it('reads the steps a composite milestone counts wherever they stand in the flow, later steps too', () => {
    const steps = (order: 'before' | 'after') => {
      const mature = { key: 'mature', milestone: { anyOf: ['reports', 'alerts'], atLeast: 2, withinDays: 30 } };
      const counted = [{ key: 'reports' }, { key: 'alerts' }];
      return order === 'before' ? [{ key: 'invited' }, ...counted, mature] : [{ key: 'invited' }, mature, ...counted];
    };
    for (const lookbackDays of [null, 14]) {
      const input = { experimentId: 'e', flowKey: 'workspace', asOf: new Date('2026-01-01T00:00:00Z'), lookbackDays };
      const after = stepMetricsStatement({ ...input, steps: steps('after') }).sql;
      // reports and alerts are steps 2 and 3: the milestone (step 1) reads their first and last aligned times.
      expect(after).toMatch(/AS reached_1/);
      for (const j of [2, 3]) expect(after).toContain(`p.first_aligned_${j}`);
      // The same columns, only numbered otherwise, as when they come first.
      const before = stepMetricsStatement({ ...input, steps: steps('before') }).sql;
      expect(after.split('first_aligned_').length).toBe(before.split('first_aligned_').length);
    }
  });
});
