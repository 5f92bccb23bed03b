import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FieldProblem, InvalidFieldError } from './domain-error';

// The one place where JSON request bodies become values. Everything the rest of the server does
// with a body (class-transformer, class-validator, JSON.stringify for jsonb) recurses, and
// PostgreSQL refuses or silently rewrites some strings, so the body is checked here first:
//   - bytes that are not UTF-8 are refused (decoding would turn distinct ids into one U+FFFD);
//   - nesting is bounded, by a scan of the raw text before any value is built;
//   - no string or key may hold U+0000 or a lone UTF-16 surrogate (jsonb and text refuse
//     the first, the UTF-8 encoder replaces the second);
//   - the body must be a JSON object.
// docs/api.md ("Bad input") describes these rules for callers.

/** Levels of nesting a body may have; the body object itself is level 1. */
export const MAX_DEPTH = 32;
/** Levels allowed inside a free-form field (event `properties`, unit `attributes`), counted from that field. */
export const MAX_FREE_FORM_DEPTH = 64;

/** What a route declares about its body, as Fastify route config `{ jsonBody: … }`. */
export interface JsonBodyRules {
  /** Free-form fields, as paths with `*` for any array index: `attributes`, `events.*.properties`. */
  freeFormFields?: readonly string[];
  /**
   * The array of a batch whose items are judged one by one: a bad string inside an item is
   * not a 400 but is handed to the route (`itemProblemsOf`) to reject that item alone.
   */
  itemsAt?: string;
}

/** No field may nest deeper than this, whatever the route: the raw text is refused past it. */
const SCAN_CEILING = MAX_DEPTH + MAX_FREE_FORM_DEPTH;

export const JSON_BODY_CONFIG = 'jsonBody';
const ITEM_PROBLEMS = Symbol('itemProblems');

/** Route config for a Nest handler (`@RouteConfig(jsonBodyConfig({...}))`) or a native Fastify route. */
export function jsonBodyConfig(rules: JsonBodyRules): Record<string, JsonBodyRules> {
  return { [JSON_BODY_CONFIG]: rules };
}

/** Problems the parser found inside the items of a batch route, by item index. */
export function itemProblemsOf(request: FastifyRequest): ReadonlyMap<number, FieldProblem> {
  return (request as unknown as Record<symbol, Map<number, FieldProblem>>)[ITEM_PROBLEMS] ?? new Map();
}

/** Replaces every body parser of `fastify` with this one: JSON only, anything else is 415. */
export function useJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  // Fastify's own parser (secure-json-parse: prototype poisoning refused) does the parsing.
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, buffer, done) => {
    const bytes = buffer as Buffer;
    if (!isUtf8(bytes)) return done(new InvalidFieldError([{ field: 'body', reason: 'must be UTF-8 encoded' }]), undefined);
    const text = bytes.toString('utf8');
    const rules = (request.routeOptions.config as unknown as Record<string, JsonBodyRules | undefined>)[JSON_BODY_CONFIG] ?? {};
    // Before any value exists: a body nested past what any field may hold is refused unread.
    const depth = nestingDepth(text, SCAN_CEILING);
    if (depth > SCAN_CEILING) {
      return done(new InvalidFieldError([{ field: 'body', reason: `must not nest deeper than ${MAX_DEPTH} levels` }]), undefined);
    }
    parse(request, text, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return done(new InvalidFieldError([{ field: 'body', reason: 'must be a JSON object' }]), undefined);
      }
      const { problems, itemProblems } = inspectJson(value, rules, {
        deep: depth > MAX_DEPTH,
        strings: MAYBE_BAD_STRING.test(text),
      });
      if (problems.length > 0) return done(new InvalidFieldError(problems.slice(0, 50)), undefined);
      if (itemProblems.size > 0) (request as unknown as Record<symbol, unknown>)[ITEM_PROBLEMS] = itemProblems;
      done(null, value);
    });
  });
}

// A valid UTF-8 text holds U+0000 and lone surrogates only as `\u` escapes: without one, no
// string can be bad and the value need not be walked. (`\\u0000` matches too: a false alarm
// only costs the walk.)
const MAYBE_BAD_STRING = /\\u(0000|d[89a-f])/i;

/** The deepest nesting of JSON `text` outside strings, counted until it passes `ceiling`. */
export function nestingDepth(text: string, ceiling: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = closingQuote(text, i);
      if (i < 0) return max;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max && (max = depth) > ceiling) return max;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return max;
}

/** Index of the quote closing the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at > 0) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be accepted, or null. */
export function stringProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain U+0000 (NUL)';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate';
  return null;
}

interface Frame {
  value: object;
  parent: Frame | null;
  key: string | number | null;
  depth: number;
  /** Deepest level allowed here. */
  limit: number;
  /** The frame's path with `*` for array indices, while it may still lead to a free-form field. */
  shape: string | null;
  /** Index of the batch item this frame is in, if any. */
  item: number | null;
}

export interface JsonInspection {
  problems: FieldProblem[];
  itemProblems: Map<number, FieldProblem>;
}

/**
 * Walks a parsed body without recursion: nesting beyond the limits and bad strings (keys too),
 * each named by its path. `check` says which of the two can occur at all (from the raw text).
 */
export function inspectJson(
  body: object,
  rules: JsonBodyRules,
  check: { deep: boolean; strings: boolean } = { deep: true, strings: true },
): JsonInspection {
  const problems: FieldProblem[] = [];
  const itemProblems = new Map<number, FieldProblem>();
  if (!check.deep && !check.strings) return { problems, itemProblems };
  const freeForm = new Set(rules.freeFormFields ?? []);
  // Below this depth no path can still lead to a free-form field.
  const shapeDepth = 1 + Math.max(0, ...[...freeForm].map((field) => field.split('.').length));
  const stack: Frame[] = [{ value: body, parent: null, key: null, depth: 1, limit: MAX_DEPTH, shape: '', item: null }];

  const report = (frame: Frame, key: string | number | null, reason: string) => {
    if (frame.item !== null) {
      if (!itemProblems.has(frame.item)) itemProblems.set(frame.item, { field: pathOf(frame, key, true), reason });
    } else {
      problems.push({ field: pathOf(frame, key, false), reason });
    }
  };

  while (stack.length > 0 && problems.length < 50) {
    const frame = stack.pop()!;
    if (frame.depth > frame.limit) {
      const free = frame.limit !== MAX_DEPTH;
      problems.push({
        field: pathOf(frame, null, false),
        reason: `nests deeper than ${free ? MAX_FREE_FORM_DEPTH : MAX_DEPTH} levels${free ? ' (counted from the free-form field)' : ''}`,
      });
      continue;
    }
    const isArray = Array.isArray(frame.value);
    const visit = (key: string | number, child: unknown) => {
      if (check.strings && typeof key === 'string') {
        const reason = stringProblem(key);
        if (reason) report(frame, key, `key ${reason}`);
      }
      if (typeof child === 'string') {
        if (check.strings) {
          const reason = stringProblem(child);
          if (reason) report(frame, key, reason);
        }
      } else if (typeof child === 'object' && child !== null) {
        const depth = frame.depth + 1;
        const shape = frame.shape === null ? null : frame.shape + (frame.shape ? '.' : '') + (isArray ? '*' : key);
        const startsFreeForm = shape !== null && freeForm.has(shape);
        stack.push({
          value: child,
          parent: frame,
          key,
          depth,
          limit: startsFreeForm ? depth - 1 + MAX_FREE_FORM_DEPTH : frame.limit,
          shape: startsFreeForm || depth >= shapeDepth ? null : shape,
          item: frame.item ?? (isArray && frame.shape === rules.itemsAt ? (key as number) : null),
        });
      }
    };
    if (isArray) (frame.value as unknown[]).forEach((child, index) => visit(index, child));
    else for (const key of Object.keys(frame.value)) visit(key, (frame.value as Record<string, unknown>)[key]);
  }
  return { problems, itemProblems };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `events[3].properties.note`; inside a batch item, the path from the item (`properties.note`). */
function pathOf(frame: Frame, key: string | number | null, fromItem: boolean): string {
  const parts: (string | number)[] = key === null ? [] : [key];
  for (let at: Frame | null = frame; at && at.key !== null; at = at.parent) {
    if (fromItem && at.parent?.item === null) break;
    parts.unshift(at.key);
  }
  let path = '';
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`;
    else if (IDENTIFIER.test(part)) path += path ? `.${part}` : part;
    else path += `[${JSON.stringify(part)}]`;
  }
  return path || 'body';
}
