import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// Every response the e2e suite receives is checked against the OpenAPI document the server
// itself serves (`/api/docs-json`): its status must be listed for the operation, and its body
// must match the listed schema. A mismatch fails the test that made the request.

type Json = Record<string, any>;

const DOCUMENT_ID = 'openapi.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * OpenAPI 3.0 schemas as JSON Schema (draft-07, what ajv reads): `nullable: true` becomes a union
 * with null, and the boolean `exclusiveMinimum` a number.
 */
export function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) out[key] = toJsonSchema(child);
  if (out.exclusiveMinimum === true) {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [{ type: 'null' }, out] };
  }
  delete out.nullable;
  return out;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Json;
}

export class ContractChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...(toJsonSchema(document) as Json), $id: DOCUMENT_ID });
    for (const [template, item] of Object.entries<Json>(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const method of METHODS) {
        if (item[method]) this.operations.push({ method, template, pattern, responses: item[method].responses });
      }
    }
  }

  /** The problem with a response, in words, or null when the document allows it. */
  check(method: string, url: string, status: number, body: unknown): string | null {
    const path = safeDecode(new URL(url, 'http://x').pathname);
    const atPath = this.operations.filter((op) => op.pattern.test(path));
    const operation = atPath.find((op) => op.method === method.toLowerCase());
    const label = `${method.toUpperCase()} ${path.length > 120 ? `${path.slice(0, 120)}…` : path}`;
    if (!operation) {
      // Outside the document (the console, the docs, an unknown path or method): an API error
      // must still have the one error shape.
      if (!path.startsWith('/api/v1/') || status < 400) return null;
      return this.validate(`#/components/schemas/ApiErrorDto`, body, `${label} → ${status}`);
    }
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in operation.responses);
    const response = key === undefined ? undefined : operation.responses[key];
    if (!response) {
      return `${label} answered ${status}, which the document does not list for ${method.toUpperCase()} ${operation.template} (it lists ${Object.keys(operation.responses).join(', ')}); body: ${preview(body)}`;
    }
    const schema = response.content?.['application/json']?.schema;
    if (!schema) {
      return body === undefined || body === '' ? null : `${label} → ${status}: the document lists no body, got ${preview(body)}`;
    }
    const at = `#/paths/${pointer(operation.template)}/${operation.method}/responses/${key}/content/${pointer('application/json')}/schema`;
    return this.validate(at, body, `${label} → ${status}`);
  }

  private validate(at: string, body: unknown, label: string): string | null {
    let validate = this.validators.get(at);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${at}` });
      this.validators.set(at, validate);
    }
    if (validate(body)) return null;
    const problems = (validate.errors ?? [])
      .slice(0, 8)
      .map((e) => `  body${e.instancePath} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
    return `${label} does not match the OpenAPI document:\n${problems.join('\n')}\nbody: ${preview(body)}`;
  }
}

/** The path as the router sees it; bytes that are not UTF-8 stay percent-encoded. */
function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function preview(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === undefined ? 'none' : text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

const checkers = new Map<string, Promise<ContractChecker>>();

/** The checker for the app at `baseUrl`, built once from the document that app serves. */
export function contractOf(baseUrl: string): Promise<ContractChecker> {
  let checker = checkers.get(baseUrl);
  if (!checker) {
    checker = fetch(`${baseUrl}/api/docs-json`)
      .then((response) => response.json())
      .then((document: Json) => new ContractChecker(document));
    checkers.set(baseUrl, checker);
  }
  return checker;
}
