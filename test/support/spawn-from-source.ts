import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

const ROOT = path.join(__dirname, '..', '..');

/**
 * A server entry point (`main.ts` as `npm start` runs it, `worker.ts` as `npm run worker` does)
 * in a process of its own, from source through ts-node, against the test database and Redis db:
 * for the tests that kill a process mid-way. `@verdict/shared` resolves to the shared sources.
 */
export function spawnFromSource(entry: 'main.ts' | 'worker.ts', env: Record<string, string> = {}): ChildProcess {
  return spawn(
    process.execPath,
    [
      '-e',
      `require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(path.join(ROOT, 'server', 'tsconfig.json'))} });
       const Module = require('module');
       const resolve = Module._resolveFilename;
       Module._resolveFilename = function (request, ...rest) {
         if (request === '@verdict/shared') request = ${JSON.stringify(path.join(ROOT, 'shared', 'src', 'index.ts'))};
         return resolve.call(this, request, ...rest);
       };
       require(${JSON.stringify(path.join(ROOT, 'server', 'src', entry))});`,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}
