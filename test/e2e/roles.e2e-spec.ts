import type { Hypothesis } from '@verdict/shared';
import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { createExperiment, createHypothesis } from '../support/factories';

// Roles, checked against every operation the OpenAPI document lists (plus the natively
// served POST /assignments): a route added later is covered without touching this file.
// The guard decides before any validation, so calls with no body and made-up ids are enough
// to see 403 or not.

interface Operation {
  method: string;
  path: string;
}

const APPLICATION = ['/api/v1/assignments', '/api/v1/exposures', '/api/v1/events', '/api/v1/units', '/api/v1/sdk/config'];
const ADMIN_ONLY = [/^\/api\/v1\/api-keys/, /^\/api\/v1\/webhooks/, /^\/api\/v1\/units\//];

const isApplication = (op: Operation) => APPLICATION.includes(op.path);
const isAdminOnly = (op: Operation) => ADMIN_ONLY.some((pattern) => pattern.test(op.path));
const isWrite = (op: Operation) => op.method !== 'GET';
const label = (op: Operation) => `${op.method} ${op.path}`;

describe('roles', () => {
  let t: TestApp;
  let operations: Operation[];
  const keys: Record<'viewer' | 'editor' | 'sdk', string> = { viewer: '', editor: '', sdk: '' };

  beforeAll(async () => {
    t = await startTestApp({ VERDICT_RUN_WORKER: 'false' });
    const document = (await t.api('GET', '/api/docs-json', undefined, null)).body;
    operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
        .map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'no-such-thing') })),
    );
    if (!operations.some((op) => op.method === 'POST' && op.path === '/api/v1/assignments')) {
      operations.push({ method: 'POST', path: '/api/v1/assignments' });
    }
    // Health is public and GET /me answers any key: both are checked on their own below.
    operations = operations.filter((op) => op.path !== '/api/v1/health' && op.path !== '/api/v1/me');
    for (const scope of ['viewer', 'editor', 'sdk'] as const) {
      const created = await t.api('POST', '/api-keys', { name: `${scope} of the roles test`, scope });
      expect(created.status).toBe(201);
      keys[scope] = created.body.key;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  async function statusOf(op: Operation, token: string | null): Promise<number> {
    return (await t.api(op.method, op.path, op.method === 'GET' || op.method === 'DELETE' ? undefined : {}, token)).status;
  }

  async function expectStatuses(token: string, expected: (op: Operation) => 'forbidden' | 'allowed'): Promise<void> {
    const wrong: string[] = [];
    for (const op of operations) {
      const status = await statusOf(op, token);
      const forbidden = status === 403;
      if (status === 401 || forbidden !== (expected(op) === 'forbidden')) wrong.push(`${label(op)} → ${status}`);
    }
    expect(wrong).toEqual([]);
  }

  it('covers the write routes (sanity check of the route list)', () => {
    expect(operations.filter(isWrite).length).toBeGreaterThan(20);
    expect(operations.map(label)).toEqual(expect.arrayContaining(['POST /api/v1/webhooks', 'DELETE /api/v1/units/no-such-thing']));
  });

  it('answers 401 without a key, everywhere', async () => {
    for (const op of operations) expect([label(op), await statusOf(op, null)]).toEqual([label(op), 401]);
  });

  it('viewer: reads everything but keys and webhooks, and is refused every write', async () => {
    await expectStatuses(keys.viewer, (op) =>
      isWrite(op) || isAdminOnly(op) || isApplication(op) ? 'forbidden' : 'allowed',
    );
  });

  it('editor: also writes, but not keys, webhooks or unit deletion', async () => {
    await expectStatuses(keys.editor, (op) => (isAdminOnly(op) || isApplication(op) ? 'forbidden' : 'allowed'));
  });

  it('sdk: the application routes only, as before', async () => {
    await expectStatuses(keys.sdk, (op) => (isApplication(op) ? 'allowed' : 'forbidden'));
  });

  it('admin: everything', async () => {
    // Deleting a made-up unit deletes nothing; every other call here fails validation or finds nothing.
    await expectStatuses(undefined as unknown as string, () => 'allowed');
  });

  it('GET /api/v1/me names the key and its scope', async () => {
    expect((await t.api('GET', '/me', undefined, keys.viewer)).body).toEqual({ name: 'viewer of the roles test', scope: 'viewer' });
    expect((await t.api('GET', '/me', undefined, keys.sdk)).body).toEqual({ name: 'sdk of the roles test', scope: 'sdk' });
    expect((await t.api('GET', '/me')).body).toEqual({ name: 'admin', scope: 'admin' });
    expect((await t.api('GET', '/me', undefined, null)).status).toBe(401);
  });

  it('records the key name as the author of status changes and overrides', async () => {
    const name = `Maria ${uniqueKey('pm')}`;
    const editor = (await t.api('POST', '/api-keys', { name, scope: 'editor' })).body.key;
    const hypothesis = await createHypothesis((m, p, b) => t.api(m, p, b, editor));
    expect(hypothesis.owner).toBe('maria');
    const experiment = await createExperiment((m, p, b) => t.api(m, p, b, editor), { hypothesisId: hypothesis.id });
    expect((await t.api('POST', `/experiments/${experiment.key}/start`, {}, editor)).status).toBe(200);
    const stop = await t.api('POST', `/experiments/${experiment.key}/stop`, { reason: 'enough' }, editor);
    expect(stop.status).toBe(200);
    const [stored] = await t.dataSource.query('SELECT stopped_by FROM experiments WHERE key = $1', [experiment.key]);
    expect(stored.stopped_by).toBe(name);
    const override = await t.api<Hypothesis>(
      'POST',
      `/hypotheses/${hypothesis.id}/verdict`,
      { status: 'validated', note: 'Seen enough' },
      editor,
    );
    expect(override.status).toBe(200);
    expect(override.body.manualVerdict?.actor).toBe(name);
    expect(override.body.statusHistory.map((change) => [change.to, change.actor])).toEqual([
      ['draft', name],
      ['running', name],
      ['validated', name],
    ]);
  });

  it('creates keys of every scope and refuses others', async () => {
    for (const scope of ['viewer', 'editor', 'admin', 'sdk']) {
      expect((await t.api('POST', '/api-keys', { name: `any ${scope}`, scope })).body.scope).toBe(scope);
    }
    expect((await t.api('POST', '/api-keys', { name: 'owner', scope: 'owner' })).status).toBe(400);
  });
});
