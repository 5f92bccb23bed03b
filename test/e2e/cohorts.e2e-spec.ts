import { startTestApp, TestApp, uniqueKey } from '../support/app';
import { createCohort } from '../support/factories';

describe('/api/v1/cohorts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/v1/cohorts', () => {
    it('creates a segment with attribute rules', async () => {
      const key = uniqueKey('smb');
      const res = await t.api('POST', '/cohorts', {
        key,
        name: 'Small EU businesses',
        kind: 'segment',
        rules: [
          { attribute: 'companySize', op: 'lt', value: 50 },
          { attribute: 'country', op: 'in', value: ['DE', 'FR'] },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        key,
        kind: 'segment',
        members: [],
        rules: [
          { attribute: 'companySize', op: 'lt', value: 50 },
          { attribute: 'country', op: 'in', value: ['DE', 'FR'] },
        ],
      });
    });

    it('creates a focus group from explicit members (deduplicated)', async () => {
      const res = await t.api('POST', '/cohorts', {
        key: uniqueKey('beta'),
        name: 'Beta testers',
        kind: 'focus_group',
        members: ['u1', 'u2', 'u1'],
      });
      expect(res.status).toBe(201);
      expect(res.body.members).toEqual(['u1', 'u2']);
    });

    it('answers 409 for a duplicate key', async () => {
      const cohort = await createCohort(t.api);
      expect((await t.api('POST', '/cohorts', { key: cohort.key, name: 'x', kind: 'custom', rules: [{ attribute: 'a', op: 'eq', value: 1 }] })).status).toBe(409);
    });

    it.each([
      ['an unknown kind', { kind: 'tribe' }, 'kind'],
      ['an unknown op', { rules: [{ attribute: 'a', op: 'like', value: 'x' }] }, 'rules[0].op'],
      ['a rule without value', { rules: [{ attribute: 'a', op: 'eq' }] }, 'rules[0].value'],
      ['in without an array', { rules: [{ attribute: 'a', op: 'in', value: 'DE' }] }, 'rules[0].value'],
      ['gt with a word', { rules: [{ attribute: 'a', op: 'gt', value: 'big' }] }, 'rules[0].value'],
      ['a focus group without members', { kind: 'focus_group', rules: [], members: [] }, 'members'],
      ['a segment without rules', { rules: [] }, 'rules'],
    ])('answers 400 naming the field for %s', async (_name, overrides, field) => {
      const res = await t.api('POST', '/cohorts', {
        key: uniqueKey('bad'),
        name: 'Bad',
        kind: 'segment',
        rules: [{ attribute: 'a', op: 'eq', value: 1 }],
        ...overrides,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('GET /api/v1/cohorts', () => {
    it('lists, reads, and answers 404 for an unknown key', async () => {
      const cohort = await createCohort(t.api);
      const list = await t.api('GET', '/cohorts?limit=500');
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: { key: string }) => c.key)).toContain(cohort.key);
      expect(list.body.total).toBeGreaterThanOrEqual(1);
      expect((await t.api('GET', `/cohorts/${cohort.key}`)).body.key).toBe(cohort.key);
      expect((await t.api('GET', `/cohorts/${uniqueKey('none')}`)).status).toBe(404);
    });
  });

  describe('PATCH /api/v1/cohorts/:key', () => {
    it('updates rules and re-checks them', async () => {
      const cohort = await createCohort(t.api);
      const res = await t.api('PATCH', `/cohorts/${cohort.key}`, {
        rules: [{ attribute: 'industry', op: 'eq', value: 'retail' }],
      });
      expect(res.status).toBe(200);
      expect(res.body.rules).toEqual([{ attribute: 'industry', op: 'eq', value: 'retail' }]);
      const bad = await t.api('PATCH', `/cohorts/${cohort.key}`, { rules: [{ attribute: 'x', op: 'nin', value: [] }] });
      expect(bad.status).toBe(400);
      expect((await t.api('GET', `/cohorts/${cohort.key}`)).body.rules[0].attribute).toBe('industry');
      expect((await t.api('PATCH', `/cohorts/${uniqueKey('none')}`, { name: 'x' })).status).toBe(404);
    });
  });
});
