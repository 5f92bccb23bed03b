import * as path from 'node:path';
import { toMatchFile } from 'jest-file-snapshot';
import { measureSql } from './health.query';
import { insightsSql } from './insights.query';

expect.extend({ toMatchFile });

// The journeys' SQL as committed files: a change to a statement shows in review.
const cohort = {
  members: ['vip-1'],
  rules: [
    { attribute: 'role', op: 'eq' as const, value: 'admin' },
    { attribute: 'seats', op: 'gte' as const, value: 10 },
  ],
};

describe('the SQL of journeys', () => {
  it('counts the insights of a 6-step flow in one statement', () => {
    const { text } = insightsSql(
      { flowKey: 'f', stepKeys: ['a', 'b', 'c', 'd', 'e', 'f'], from: new Date(0), to: new Date(1), cohort: null },
      6,
    );
    expect(`${text.trim()}\n`).toMatchFile(path.join(__dirname, '__sql__', 'insights.sql'));
  });

  it('filters the insights by a cohort of current attributes', () => {
    const { text, values } = insightsSql({ flowKey: 'f', stepKeys: ['a', 'b'], from: new Date(0), to: new Date(1), cohort }, 2);
    expect(`${text.trim()}\n`).toMatchFile(path.join(__dirname, '__sql__', 'insights-cohort.sql'));
    expect(values.slice(5)).toEqual([['vip-1'], '{"role":"admin"}', 'seats', expect.stringMatching(/^\^/), 10]);
  });

  it('measures one expectation', () => {
    const { text } = measureSql({ flowKey: 'f', triggerStepKey: 'a', stepKey: 'b', windowDays: 7, cohort, now: new Date(0) });
    expect(`${text.trim()}\n`).toMatchFile(path.join(__dirname, '__sql__', 'measure-expectation.sql'));
  });
});
