import { startTestApp, TestApp } from '../support/app';
import { TEST_ADMIN_TOKEN } from '../support/test-env';
import { ADMIN_TOKEN_SETTING } from '../../server/src/auth/admin-token.service';

describe('bearer auth (global guard)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 without a key', async () => {
    const res = await t.api('GET', '/flows', undefined, null);
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/bearer/i);
  });

  it('answers 401 with a wrong key or a malformed header', async () => {
    expect((await t.api('GET', '/flows', undefined, 'not-a-real-key-0123456789')).status).toBe(401);
    const res = await fetch(`${t.baseUrl}/api/v1/flows`, { headers: { authorization: TEST_ADMIN_TOKEN } });
    expect(res.status).toBe(401);
  });

  it('accepts the admin token from VERDICT_ADMIN_TOKEN', async () => {
    expect((await t.api('GET', '/flows')).status).toBe(200);
  });

  it('keeps health and the API docs public', async () => {
    expect((await t.api('GET', '/health', undefined, null)).status).toBe(200);
    expect((await t.api('GET', '/api/docs-json', undefined, null)).status).toBe(200);
  });

  it('answers 403 when an sdk key calls an admin route', async () => {
    const created = await t.api('POST', '/api-keys', { name: 'sdk for auth test', scope: 'sdk' });
    expect(created.status).toBe(201);
    const res = await t.api('GET', '/hypotheses', undefined, created.body.key);
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/scope "sdk"/);
    // …but may call the routes marked for SDKs (here a bad body: 400, not 403).
    const events = await t.api('POST', '/events', { events: [] }, created.body.key);
    expect(events.status).toBe(400);
  });

  it('documents every route with the bearer scheme in the OpenAPI document', async () => {
    const res = await t.api('GET', '/api/docs-json', undefined, null);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/hypotheses/{id}/versions', '/api/v1/experiments/{key}/start', '/api/v1/api-keys']),
    );
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(res.body.components.schemas.CreateExperimentDto.required).toEqual(
      expect.arrayContaining(['key', 'hypothesisId', 'name', 'variants', 'baselineRate']),
    );
  });
});

describe('admin token bootstrap (VERDICT_ADMIN_TOKEN unset)', () => {
  it('generates a token, prints it once, stores only its hash, and accepts it after a restart', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.join(' '));
    });
    let token: string;
    try {
      const first = await startTestApp({ VERDICT_ADMIN_TOKEN: '' });
      try {
        const printed = lines.join('\n').match(/^\s+(vadm_\S+)$/m);
        expect(printed).not.toBeNull();
        token = printed![1];
        expect((await first.api('GET', '/flows', undefined, token)).status).toBe(200);
        // The configured test token is not the admin now.
        expect((await first.api('GET', '/flows', undefined, TEST_ADMIN_TOKEN)).status).toBe(401);
        const rows: { value: string }[] = await first.dataSource.query('SELECT value FROM settings WHERE name = $1', [
          ADMIN_TOKEN_SETTING,
        ]);
        expect(rows).toHaveLength(1);
        expect(rows[0].value).toMatch(/^[0-9a-f]{64}$/);
        expect(rows[0].value).not.toContain(token);
      } finally {
        await first.close();
      }

      lines.length = 0;
      const second = await startTestApp({ VERDICT_ADMIN_TOKEN: '' });
      try {
        expect(lines.join('\n')).not.toContain('vadm_');
        expect((await second.api('GET', '/flows', undefined, token)).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      spy.mockRestore();
    }
  });
});
