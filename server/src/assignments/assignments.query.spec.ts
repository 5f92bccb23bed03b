import * as path from 'node:path';
import { toMatchFile } from 'jest-file-snapshot';
import { INSERT_ASSIGNMENTS_SQL, SELECT_ASSIGNMENTS_SQL } from './assignments.query';

expect.extend({ toMatchFile });

// The hot path's SQL, committed for review: a change to it shows in the diff of __sql__/.
// After an intended change: npx jest -u server/src/assignments/assignments.query.spec.ts
describe('the SQL of POST /assignments', () => {
  it('inserts a batch of first assignments', () => {
    expect(`${INSERT_ASSIGNMENTS_SQL.trim()}\n`).toMatchFile(path.join(__dirname, '__sql__', 'insert-assignments.sql'));
  });

  it('reads back the assignments that won the conflicts', () => {
    expect(`${SELECT_ASSIGNMENTS_SQL.trim()}\n`).toMatchFile(path.join(__dirname, '__sql__', 'select-assignments.sql'));
  });
});
