import * as path from 'node:path';
import { toMatchFile } from 'jest-file-snapshot';
import { INSERT_STEP_EVENTS_SQL } from './events.query';

expect.extend({ toMatchFile });

// The hot path's SQL, committed for review: a change to it shows in the diff of __sql__/.
// After an intended change: npx jest -u server/src/events/events.query.spec.ts
describe('the SQL of POST /events', () => {
  it('inserts a batch of events, skipping known ids', () => {
    expect(`${INSERT_STEP_EVENTS_SQL.trim()}\n`).toMatchFile(path.join(__dirname, '__sql__', 'insert-step-events.sql'));
  });
});
