import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTestApp, TestApp } from '../support/app';

describe('GET / (the console)', () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    // A stand-in build of the console, so this test does not depend on `npm run build -w web`.
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'verdict-web-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Verdict console</title>');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("verdict")');
    t = await startTestApp({ VERDICT_WEB_DIST: dist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (route: string) => fetch(`${t.baseUrl}${route}`);

  it('serves index.html at / and for client-side routes, without a key', async () => {
    for (const route of ['/', '/hypotheses/123', '/api-keys', '/settings/api-keys']) {
      const res = await get(route);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('Verdict console');
    }
  });

  it('serves the built assets', async () => {
    const res = await get('/assets/app.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('verdict');
  });

  it('answers unknown API paths with a JSON 404, not the console', async () => {
    for (const route of ['/api/v1/no-such-route', '/api/nothing']) {
      const res = await get(route);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ statusCode: 404 });
    }
  });
});
