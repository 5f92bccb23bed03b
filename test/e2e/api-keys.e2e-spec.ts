import { startTestApp, TestApp } from '../support/app';

describe('/api/v1/api-keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/v1/api-keys', () => {
    it('creates a key, shows it once and stores only its SHA-256', async () => {
      const res = await t.api('POST', '/api-keys', { name: 'ci', scope: 'admin' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'ci',
        scope: 'admin',
        key: expect.stringMatching(/^vkey_[A-Za-z0-9_-]{43}$/),
        createdAt: expect.any(String),
        lastUsedAt: null,
      });
      const rows: { key_hash: string }[] = await t.dataSource.query('SELECT key_hash FROM api_keys WHERE id = $1', [
        res.body.id,
      ]);
      expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].key_hash).not.toContain(res.body.key);
      // An admin-scope key works on admin routes.
      expect((await t.api('GET', '/api-keys', undefined, res.body.key)).status).toBe(200);
    });

    it('names the field on a bad body', async () => {
      const res = await t.api('POST', '/api-keys', { name: 'x', scope: 'root' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'scope', reason: expect.stringMatching(/admin, sdk/) }]);
      const missing = await t.api('POST', '/api-keys', { scope: 'sdk' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('name');
    });

    it('refuses unknown fields', async () => {
      const res = await t.api('POST', '/api-keys', { name: 'x', scope: 'sdk', secret: 'mine' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'secret', reason: expect.stringMatching(/should not exist/) }]);
    });
  });

  describe('GET /api/v1/api-keys', () => {
    it('lists keys without secrets, paginated', async () => {
      await t.api('POST', '/api-keys', { name: 'listed-1', scope: 'sdk' });
      await t.api('POST', '/api-keys', { name: 'listed-2', scope: 'sdk' });
      const res = await t.api('GET', '/api-keys?limit=1&offset=0');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.total).toBeGreaterThanOrEqual(2);
      expect(res.body.items[0]).not.toHaveProperty('key');
      expect(res.body.items[0]).not.toHaveProperty('keyHash');
      expect((await t.api('GET', '/api-keys?limit=0')).status).toBe(400);
    });
  });

  describe('DELETE /api/v1/api-keys/:id', () => {
    it('revokes a key: it stops working at once on this instance', async () => {
      const created = await t.api('POST', '/api-keys', { name: 'to revoke', scope: 'admin' });
      expect((await t.api('GET', '/flows', undefined, created.body.key)).status).toBe(200);
      expect((await t.api('DELETE', `/api-keys/${created.body.id}`)).status).toBe(204);
      expect((await t.api('GET', '/flows', undefined, created.body.key)).status).toBe(401);
      const list = await t.api('GET', '/api-keys?limit=500');
      expect(list.body.items.map((k: { id: string }) => k.id)).not.toContain(created.body.id);
    });

    it('answers 404 for an unknown or already revoked key', async () => {
      expect((await t.api('DELETE', '/api-keys/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await t.api('DELETE', '/api-keys/nope')).status).toBe(404);
    });

    it('is refused to an sdk key', async () => {
      const sdk = await t.api('POST', '/api-keys', { name: 'sdk', scope: 'sdk' });
      expect((await t.api('DELETE', `/api-keys/${sdk.body.id}`, undefined, sdk.body.key)).status).toBe(403);
    });
  });
});
