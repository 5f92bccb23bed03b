import { startTestApp, TestApp } from '../support/app';

// The document itself: what every operation must declare for the response checks in
// test/support/contract.ts to mean anything (see docs/api.md).
describe('GET /api/docs-json (the OpenAPI document)', () => {
  let t: TestApp;
  let doc: Record<string, any>;
  const operations: { label: string; method: string; op: Record<string, any> }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.api('GET', '/api/docs-json', undefined, null)).body;
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<Record<string, any>>(item)) operations.push({ label: `${method} ${path}`, method, op });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const schemaOf = (response: Record<string, any> | undefined) => response?.content?.['application/json']?.schema;
  const component = (name: string) => doc.components.schemas[name];

  it('gives every operation a 2xx with a schema (204 and 304 have no body) and the error schema on every 4xx', () => {
    const problems: string[] = [];
    for (const { label, op } of operations) {
      const success = Object.keys(op.responses).filter((status) => status.startsWith('2'));
      if (success.length === 0) problems.push(`${label}: no 2xx`);
      for (const status of success) if (status !== '204' && !schemaOf(op.responses[status])) problems.push(`${label} ${status}: no schema`);
      for (const status of Object.keys(op.responses).filter((s) => /^[45]/.test(s))) {
        const schema = schemaOf(op.responses[status]);
        const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
        // OFREP's own clients read its 400 and 404 bodies (errorCode, errorDetails); a 400 can
        // also come from Fastify before the route runs (an undecodable path), with the API's body.
        const ofrep = label.startsWith('post /ofrep/');
        if (ofrep && status === '404') expect([label, schema]).toEqual([label, ref('OfrepFailureDto')]);
        else if (ofrep && status === '400') expect([label, schema]).toEqual([label, { oneOf: [ref('OfrepFailureDto'), ref('ApiErrorDto')] }]);
        else if (schema?.$ref !== '#/components/schemas/ApiErrorDto') problems.push(`${label} ${status}: not ApiErrorDto`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists 401 on every operation but health, 403 on every one that some key role may not call, 400/413/415 wherever a body is read', () => {
    // GET /me answers any key; every other route refuses some role (the sdk routes: viewer and editor keys).
    const anyKey = ['get /api/v1/me'];
    for (const { label, method, op } of operations) {
      const statuses = Object.keys(op.responses);
      if (label === 'get /api/v1/health') {
        expect(op.security).toEqual([]);
        continue;
      }
      expect([label, statuses.includes('401')]).toEqual([label, true]);
      expect([label, statuses.includes('403')]).toEqual([label, !anyKey.includes(label)]);
      if (method !== 'get') expect([label, ['400', '413', '415'].every((s) => statuses.includes(s))]).toEqual([label, true]);
    }
  });

  it('describes request bodies as strictly as the server checks them', () => {
    const flow = component('CreateFlowDto');
    expect(flow.additionalProperties).toBe(false);
    expect(flow.properties.key).toMatchObject({ type: 'string', maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
    expect(flow.properties.steps).toMatchObject({ minItems: 1, maxItems: 50 });
    expect(component('FlowStepDto').additionalProperties).toBe(false);
    expect(component('MilestoneDto').properties.minEvents).toMatchObject({ type: 'integer', minimum: 1, maximum: 1_000_000 });
    expect(component('CreateHypothesisDto').properties.impact).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
    expect(component('CreateHypothesisDto').properties.cohortKey).toMatchObject({ type: 'string', nullable: true });
    expect(component('ReviseHypothesisDto').properties.cohortKey).toMatchObject({ type: 'string', nullable: true });
    expect(component('UpdateExperimentDto').properties.plannedSampleSize).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 1_000_000_000,
    });
    expect(component('UpdateExperimentDto').additionalProperties).toBe(false);
    expect(component('CreateExperimentDto').properties.method.enum).toEqual(['sequential', 'fixed', 'msprt']);
    expect(component('AssignmentRequestDto').additionalProperties).toBe(false);
    // Free-form maps stay open.
    expect(component('AssignmentRequestDto').properties.attributes.additionalProperties).toBeUndefined();
  });

  it('marks as nullable exactly the PATCH fields the server accepts null for: none', () => {
    for (const name of ['UpdateFlowDto', 'UpdateCohortDto', 'UpdateHypothesisDto', 'UpdateExperimentDto']) {
      const nullable = Object.entries<Record<string, any>>(component(name).properties)
        .filter(([, schema]) => schema.nullable)
        .map(([field]) => field);
      expect([name, nullable]).toEqual([name, []]);
    }
  });
});
