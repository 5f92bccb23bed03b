// Shared by the assignment and ingestion benchmarks: starts the real app (TypeScript source
// through ts-node, transpile-only: the same JIT-compiled code as the build, only a slower boot;
// profiles of a run show ts-node only while the modules load)
// or a bare Fastify hello-world in a child process of its own, so the load generator never
// competes with the server for its event loop. Benchmarks use their own database and Redis db.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..');
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/verdict_bench';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `bench/bench-app.ts <role>` in a child process and waits for its "listening" line; `env` adds to or overrides its environment. */
export function startServer(role: 'app' | 'bare', port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  // BENCH_NODE_ARGS, e.g. "--cpu-prof", goes to the server process (profiling a run).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'bench-app.ts'), role], {
    cwd: ROOT,
    env: {
      ...process.env,
      TS_NODE_PROJECT: path.join(ROOT, 'server', 'tsconfig.json'),
      DATABASE_URL: BENCH_DATABASE_URL,
      REDIS_URL: BENCH_REDIS_URL,
      VERDICT_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      VERDICT_RUN_WORKER: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('BENCH-LISTENING')) {
        resolve({
          url: `http://127.0.0.1:${port}`,
          child,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`${role} server exited with ${code} before listening:\n${output}`)));
  });
}

/** JSON over HTTP with the bench admin token. */
export async function call<T = any>(baseUrl: string, method: string, route: string, body?: unknown, token = BENCH_ADMIN_TOKEN): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A flow, a hypothesis, a running 50/50 experiment and an sdk-scope key, through the API. */
export async function seed(baseUrl: string): Promise<{ experimentKey: string; flowKey: string; sdkKey: string }> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const flowKey = `bench-flow-${suffix}`;
  await call(baseUrl, 'POST', '/flows', {
    key: flowKey,
    name: 'Bench flow',
    steps: [
      { key: 'trigger', name: 'Trigger', kind: 'trigger' },
      { key: 'step', name: 'Step', kind: 'step' },
      { key: 'need-met', name: 'Need met', kind: 'need_met', terminal: true },
    ],
  });
  const hypothesis = await call(baseUrl, 'POST', '/hypotheses', {
    title: 'Bench',
    statement: 'We believe the benchmark will run',
    metricArea: 'solution_performance',
    flowKey,
    primaryStepKey: 'need-met',
    expectedDirection: 'increase',
    minimumEffect: 0.05,
    impact: 1,
    confidence: 1,
    ease: 1,
  });
  const experimentKey = `bench-exp-${suffix}`;
  await call(baseUrl, 'POST', '/experiments', {
    key: experimentKey,
    name: 'Bench',
    hypothesisId: hypothesis.id,
    variants: [
      { key: 'control', weight: 0.5, control: true },
      { key: 'treatment', weight: 0.5 },
    ],
    baselineRate: 0.2,
  });
  await call(baseUrl, 'POST', `/experiments/${experimentKey}/start`, {});
  const key = await call(baseUrl, 'POST', '/api-keys', { name: `bench ${suffix}`, scope: 'sdk' });
  return { experimentKey, flowKey, sdkKey: key.key };
}

// ---- child process roles ----

/** `@verdict/shared` from its TypeScript source, so the benchmark never runs a stale build. */
function useSharedSource(): void {
  const Module = require('node:module');
  const original = Module._resolveFilename;
  const source = path.join(ROOT, 'shared', 'src', 'index.ts');
  Module._resolveFilename = function (request: string, ...rest: unknown[]) {
    return original.call(this, request === '@verdict/shared' ? source : request, ...rest);
  };
}

async function serveApp(): Promise<void> {
  useSharedSource();
  const { loadEnv } = require('../server/src/config/env');
  const { migrate } = require('../server/src/database/migrate');
  const { createApp } = require('../server/src/app.factory');
  const env = loadEnv();
  await migrate(env.databaseUrl);
  const app = await createApp(env);
  await app.listen({ port: env.port, host: env.host });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  console.log('BENCH-LISTENING');
}

async function serveBare(): Promise<void> {
  const fastify = require('fastify')({ logger: false });
  fastify.get('/', async () => ({ hello: 'world' }));
  // The same request and answer shapes as POST /assignments, without auth, config or database:
  // what Fastify itself costs for a small JSON body (its parser, not the app, sets this floor).
  fastify.post('/echo', async (request: { body: { experimentKey: string; unitId: string } }) => ({
    experimentKey: request.body.experimentKey,
    unitId: request.body.unitId,
    inExperiment: false,
    variantKey: null,
    assignedAt: null,
    reason: 'not_running',
  }));
  await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => void fastify.close().then(() => process.exit(0)));
  console.log('BENCH-LISTENING');
}

if (require.main === module) {
  const role = process.argv[2];
  (role === 'app' ? serveApp() : role === 'bare' ? serveBare() : Promise.reject(new Error(`unknown role ${role}`))).catch(
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
