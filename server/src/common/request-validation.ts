import type { FieldProblem } from './domain-error';
import { MAX_ID_LENGTH } from './limits';

// The SDK routes validate by hand: class-validator would cost more than the insert they guard.
// Their problems become the same 400 as the global ValidationPipe's (`InvalidFieldError`).

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A reason when `value` is not a usable id (non-empty string, no NUL, at most 200 characters). */
export function idProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'must not be empty';
  if (value.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters`;
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  return null;
}

// What JSON.stringify escapes but PostgreSQL's jsonb refuses: NUL and lone UTF-16 surrogates
// (a valid pair is written as is, so an escaped surrogate is always a lone one).
const UNSTORABLE_IN_JSONB = /\\u(0000|d[89a-f])/i;

/** A reason when `value` cannot be stored as jsonb, or null. */
export function jsonbProblem(value: unknown): string | null {
  return UNSTORABLE_IN_JSONB.test(JSON.stringify(value)) ? 'must not contain NUL characters or lone surrogates' : null;
}

/** A reason when `value` cannot be stored as attributes (a JSON object PostgreSQL accepts). */
export function attributesProblem(value: unknown): string | null {
  if (value === undefined) return null;
  if (!isPlainObject(value)) return 'must be an object';
  return jsonbProblem(value);
}

/** Fields other than `allowed` are refused, as the global pipe's forbidNonWhitelisted does. */
export function unknownFields(body: Record<string, unknown>, allowed: readonly string[], prefix = ''): FieldProblem[] {
  return Object.keys(body)
    .filter((field) => !allowed.includes(field))
    .map((field) => ({ field: `${prefix}${field}`, reason: 'should not exist' }));
}
