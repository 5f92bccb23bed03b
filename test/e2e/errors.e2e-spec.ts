import { Logger } from '@nestjs/common';
import { startTestApp, TestApp } from '../support/app';
import { TEST_ADMIN_TOKEN } from '../support/test-env';
import { EnvError, loadEnv } from '../../server/src/config/env';
import { HypothesesService } from '../../server/src/hypotheses/hypotheses.service';

describe('errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${t.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': contentType },
      body,
    });

  it('answers 400 for malformed JSON', async () => {
    const res = await post('/flows', '{"key": "a",');
    expect(res.status).toBe(400);
    expect((await res.json()).statusCode).toBe(400);
  });

  it('answers 415 for a body that is not JSON', async () => {
    expect((await post('/flows', '<flow/>', 'application/xml')).status).toBe(415);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await post('/flows', JSON.stringify({ key: 'x', name: 'y', steps: [], pad: 'z'.repeat(3 * 1024 * 1024) }));
    expect(res.status).toBe(413);
  });

  it('answers 404 for an unknown route', async () => {
    expect((await t.api('GET', '/nothing-here')).status).toBe(404);
  });

  it('names every wrong field of a body at once', async () => {
    const res = await t.api('POST', '/flows', { key: '', name: 7, steps: 'none', extra: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
    expect(fields).toEqual(new Set(['key', 'name', 'steps', 'extra']));
  });

  it('logs a 500 with an error id and leaks no stack or message', async () => {
    const service = t.app.get(HypothesesService);
    const spy = jest.spyOn(service, 'list').mockRejectedValueOnce(new Error('db password is hunter2'));
    const logged: string[] = [];
    const logSpy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
    try {
      const res = await t.api('GET', '/hypotheses');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'internal error',
        errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(JSON.stringify(res.body)).not.toContain('hunter2');
      expect(logged.some((line) => line.includes(res.body.errorId) && line.includes('hunter2'))).toBe(true);
    } finally {
      spy.mockRestore();
      logSpy.mockRestore();
    }
  });
});

describe('environment validation at boot', () => {
  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ DATABASE_URL: 'mysql://localhost/verdict' }, /DATABASE_URL/],
    [{ REDIS_URL: 'not a url' }, /REDIS_URL/],
    [{ VERDICT_ADMIN_TOKEN: 'short' }, /VERDICT_ADMIN_TOKEN/],
  ])('refuses %p with a message naming the variable', (vars, name) => {
    expect(() => loadEnv(vars)).toThrow(EnvError);
    expect(() => loadEnv(vars)).toThrow(name);
  });

  it('has working defaults', () => {
    expect(loadEnv({})).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/verdict',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      adminToken: null,
    });
  });
});
