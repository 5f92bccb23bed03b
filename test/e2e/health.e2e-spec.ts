import { startTestApp, TestApp } from '../support/app';

describe('GET /api/v1/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports PostgreSQL and Redis up, without a key', async () => {
    const res = await t.api('GET', '/health', undefined, null);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('serves the OpenAPI document publicly', async () => {
    const res = await t.api('GET', '/api/docs-json', undefined, null);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
  });
});
