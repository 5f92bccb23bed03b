import fc from 'fast-check';
import { request, startTestApp, TestApp } from '../support/app';
import { createCohort, createExperiment, createHypothesis, experimentRequest, flowRequest, hypothesisRequest } from '../support/factories';
import { TEST_ADMIN_TOKEN } from '../support/test-env';

// A property-based test over EVERY operation of the OpenAPI document (read from the document,
// so a new route is covered without touching this file): generated malformed bodies, strings,
// numbers, nesting, query values and path parameters, as the admin and with an sdk key.
// Properties: never a 5xx (and every response within the document: `request` checks that),
// and a refused request (4xx) leaves the database exactly as it was.

const SEED = 20261202;
const RUNS_PER_OPERATION = 15;

type Json = Record<string, any>;
interface Operation {
  method: string;
  template: string;
  operationId: string;
  queryNames: string[];
  body?: Json;
}

// ---- generators -------------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Any UTF-16 code units: NUL, control characters and lone surrogates included. */
const anyCodeUnits = fc.string({ unit: fc.nat({ max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 });
const nastyString = fc.oneof(
  fc.string({ maxLength: 20 }),
  anyCodeUnits,
  fc.tuple(fc.string({ maxLength: 5 }), loneSurrogate, fc.string({ maxLength: 5 })).map((parts) => parts.join('')),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    'NaN',
    '-Infinity',
    '1e400',
    '-1',
    '1.5',
    '0x10',
    '9007199254740993',
    '2147483648',
    '2026-02-30T00:00:00Z',
    '11/23/2026',
    'November 23, 2026',
    '../../etc/passwd',
    '%00',
    "' OR 1=1 --",
    '__proto__',
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);
const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double(), // NaN and ±Infinity are sent as null by JSON
  fc.constantFrom(2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53 + 2, 1e9 + 1, 1e300, -1e300, 1.5, -0.5, 0, -0, 5e-324),
);
const nastyLeaf = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null));
const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A placeholder swapped for text that JSON.stringify cannot make: deep nesting, out-of-range literals. */
const RAW = '\u0001raw\u0001';
const rawValue = fc.oneof(
  fc.integer({ min: 33, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 33, max: 20_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '"\\ud800"', '"\\u0000"', '"\\udfff\\ud800"'),
);

/** Every path into a JSON value, e.g. ['steps', 0, 'milestone']. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) paths.push(...pathsOf(child, [...prefix, key]));
  }
  return paths;
}

function withValueAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(base) as Json;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step];
  node[path[path.length - 1]] = value;
  return copy;
}

/** Bodies for one operation: a valid body with one place made bad, or garbage of every kind. */
function bodyFor(operation: Operation, validBody: unknown): fc.Arbitrary<string> {
  const fields = Object.keys(operation.body?.properties ?? {});
  const stringify = (value: unknown, raw?: string) => {
    const text = JSON.stringify(value) ?? 'null';
    return raw === undefined ? text : text.replace(JSON.stringify(RAW), raw);
  };
  const mutated =
    validBody === undefined
      ? []
      : [
          fc
            .tuple(fc.constantFrom(...pathsOf(validBody)), fc.oneof(nastyValue, fc.constant(null), fc.constant(RAW)), rawValue)
            .map(([path, value, raw]) => stringify(withValueAt(validBody, path, value), raw)),
          fc.tuple(nastyString, nastyValue).map(([key, value]) => stringify({ ...(validBody as Json), [key]: value })),
          // What a client library sends for an unset field.
          fc.constantFrom(...Object.keys(validBody as Json)).map((key) => stringify({ ...(validBody as Json), [key]: null })),
        ];
  const fieldRecord = fields.length
    ? [
        fc
          .tuple(fc.dictionary(fc.constantFrom(...fields), fc.oneof(nastyValue, fc.constant(null), fc.constant(RAW))), rawValue)
          .map(([record, raw]) => stringify(record, raw)),
      ]
    : [];
  return fc.oneof(
    ...mutated,
    ...fieldRecord,
    nastyValue.map((value) => stringify(value)), // null, arrays, numbers, strings at the top
    rawValue.map((raw) => raw),
    fc.constantFrom('{', '{"a":', 'nul', '{"a":1}{', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}'),
  );
}

// Kept under 2,000 characters: a longer URL is refused by Node's HTTP parser (431) before the app sees it.
const nastyQuery = fc.oneof(
  nastyString.map((s) => s.slice(0, 2000)),
  nastyNumber.map(String),
  fc.constantFrom('1.5', '-1', '1e3', '99999999999999999999', 'NaN', '', '0', '2147483648'),
);

// ---- the database, before and after -----------------------------------------------------------

/**
 * Rows and their last writer per table (xmin grows with every insert or update, the count falls
 * with a delete). `api_keys.last_used_at` is written in the background on use, so that table is
 * compared without it; `analyses` is written only by the background worker.
 */
async function databaseState(app: TestApp): Promise<string> {
  const tables: { table_name: string }[] = await app.dataSource.query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'analyses', 'api_keys')
     ORDER BY table_name`,
  );
  const parts = tables.map(
    ({ table_name }) => `SELECT '${table_name}' AS t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text AS s FROM "${table_name}"`,
  );
  parts.push(`SELECT 'api_keys', md5(coalesce(string_agg((to_jsonb(k) - 'last_used_at')::text, ',' ORDER BY id), '')) FROM api_keys k`);
  // Ordered: a UNION ALL's rows may come back in any order (a parallel plan interleaves them).
  const rows: { t: string; s: string }[] = await app.dataSource.query(`SELECT t, s FROM (${parts.join(' UNION ALL ')}) state ORDER BY t`);
  return rows.map((row) => `${row.t}=${row.s}`).join(' ');
}

// ---- the test ---------------------------------------------------------------------------------

describe('every route, malformed input (property-based)', () => {
  let app: TestApp;
  let document: Json;
  let sdkKey: string;
  const params: Record<string, string[]> = {};
  const validBodies: Record<string, unknown> = {};
  let sent = 0;

  beforeAll(async () => {
    app = await startTestApp();
    document = (await request(app.baseUrl, 'GET', '/api/docs-json')).body;
    sdkKey = (await app.api('POST', '/api-keys', { name: 'fuzz sdk', scope: 'sdk' })).body.key;
    const spareKey = (await app.api('POST', '/api-keys', { name: 'fuzz spare', scope: 'admin' })).body.id;
    const experiment = await createExperiment(app.api);
    const hypothesis = await createHypothesis(app.api, { flowKey: experiment.flowKey });
    const cohort = await createCohort(app.api);
    params.key = [experiment.key, hypothesis.flowKey, cohort.key];
    params.id = [hypothesis.id, spareKey];
    params.jobId = ['manual-0'];
    Object.assign(validBodies, {
      'POST /api/v1/flows': flowRequest(),
      'PATCH /api/v1/flows/{key}': { name: 'Renamed', description: 'Changed', steps: flowRequest().steps },
      'POST /api/v1/cohorts': { key: 'fuzz-cohort', name: 'C', kind: 'custom', rules: [{ attribute: 'plan', op: 'in', value: ['pro'] }], members: ['u1'] },
      'PATCH /api/v1/cohorts/{key}': { name: 'C', kind: 'custom', rules: [{ attribute: 'seats', op: 'gte', value: 5 }], members: ['u2'] },
      'POST /api/v1/hypotheses': hypothesisRequest(hypothesis.flowKey),
      'PATCH /api/v1/hypotheses/{id}': { title: 'T', owner: 'o', impact: 1, confidence: 2, ease: 3, evidence: [] },
      'POST /api/v1/hypotheses/{id}/versions': { statement: 'S', primaryStepKey: 'signup', expectedDirection: 'decrease', minimumEffect: 0.2, cohortKey: null, guardrailStepKeys: [], note: 'n' },
      'POST /api/v1/hypotheses/{id}/verdict': { status: 'refuted', note: 'n' },
      'POST /api/v1/hypotheses/{id}/archive': { note: 'n' },
      'POST /api/v1/experiments': { ...experimentRequest(hypothesis.id), coverage: 0.5, alpha: 0.05, power: 0.8, method: 'fixed', analysisIntervalMinutes: 60, plannedSampleSize: 1000, forcedVariants: { qa: 'control' } },
      'PATCH /api/v1/experiments/{key}': { name: 'N', coverage: 0.9, baselineRate: 0.1, plannedSampleSize: 500, analysisIntervalMinutes: 30 },
      'POST /api/v1/experiments/{key}/stop': { reason: 'r' },
      'POST /api/v1/api-keys': { name: 'k', scope: 'sdk' },
      'POST /api/v1/assignments': { experimentKey: experiment.key, unitId: 'u-1', attributes: { plan: 'pro' } },
      'POST /api/v1/exposures': { exposures: [{ experimentKey: experiment.key, unitId: 'u-1', variantKey: 'control', attributes: {}, assignedAt: new Date().toISOString() }] },
      'POST /ofrep/v1/evaluate/flags/{key}': { context: { targetingKey: 'u-1', plan: 'pro' } },
      'POST /ofrep/v1/evaluate/flags': { context: { targetingKey: 'u-1', plan: 'pro' } },
      'POST /api/v1/events': { events: [{ id: 'e-1', unitId: 'u-1', flowKey: hypothesis.flowKey, stepKey: 'signup', outcome: 'aligned', occurredAt: new Date().toISOString(), properties: { a: 1 } }] },
    });
  });

  afterAll(async () => {
    // The closing note of issue 9 asks for this number.
    console.log(`malformed-input: ${sent} generated requests`);
    await app?.close();
  });

  function operations(): Operation[] {
    const result: Operation[] = [];
    for (const [template, item] of Object.entries<Json>(document.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        if (!op) continue;
        let body = op.requestBody?.content?.['application/json']?.schema;
        if (body?.$ref) body = document.components.schemas[body.$ref.split('/').pop()];
        const queryNames = (op.parameters ?? []).filter((p: Json) => p.in === 'query').map((p: Json) => p.name);
        result.push({ method: method.toUpperCase(), template, operationId: op.operationId, queryNames, body });
      }
    }
    return result;
  }

  it('reads every operation from the document', () => {
    expect(operations().length).toBeGreaterThanOrEqual(34);
  });

  it('answers every generated request below 500, and a refused one changes nothing', async () => {
    for (const operation of operations()) {
      const names = [...operation.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathArb = fc.tuple(
        ...names.map((name) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...(params[name] ?? ['x'])) },
            { weight: 1, arbitrary: nastyString.map((s) => s.slice(0, 2000)) },
          ),
        ),
      );
      const queryArb = fc.dictionary(fc.constantFrom(...(operation.queryNames.length ? operation.queryNames : ['q'])), nastyQuery, {
        maxKeys: 3,
      });
      const hasBody = operation.method !== 'GET';
      const bodyArb = hasBody ? fc.option(bodyFor(operation, validBodies[`${operation.method} ${operation.template}`]), { freq: 8 }) : fc.constant(null);
      const tokenArb = fc.constantFrom<string | null>(TEST_ADMIN_TOKEN, sdkKey);

      await fc.assert(
        fc.asyncProperty(pathArb, queryArb, bodyArb, tokenArb, async (pathValues, query, body, token) => {
          let path = operation.template.replace('/api/v1', '');
          names.forEach((name, i) => {
            path = path.replace(`{${name}}`, encodePathSegment(pathValues[i]));
          });
          const search = Object.entries(query)
            .map(([k, v]) => `${k}=${encodePathSegment(v)}`)
            .join('&');
          const before = await databaseState(app);
          sent++;
          const res = await request(app.baseUrl, operation.method, search ? `${path}?${search}` : path, body ?? undefined, token);
          const context = `${operation.method} ${path}${search ? `?${search.slice(0, 200)}` : ''} body ${String(body).slice(0, 300)}`;
          if (res.status >= 500) throw new Error(`${res.status} for ${context}: ${JSON.stringify(res.body)}`);
          if (res.status >= 400 && (await databaseState(app)) !== before) {
            // A background job (e.g. the final analysis of an experiment stopped earlier) may have
            // written meanwhile: the same refused request, sent again, must change nothing.
            const again = await databaseState(app);
            const retry = await request(app.baseUrl, operation.method, search ? `${path}?${search}` : path, body ?? undefined, token);
            const after = await databaseState(app);
            if (retry.status >= 400 && after !== again) {
              throw new Error(`refused with ${retry.status} but the database changed: ${context}\n${again}\n${after}`);
            }
          }
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    }
    // About 500 requests: well under a minute alone on the machine, more on a busy one.
  }, 180_000);
});

/** Percent-encodes a path or query value; a lone surrogate (which UTF-8 cannot hold) as its raw CESU-8 bytes. */
function encodePathSegment(value: string): string {
  return Array.from(value)
    .map((char) => {
      const code = char.charCodeAt(0);
      if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      }
      return encodeURIComponent(char);
    })
    .join('');
}
