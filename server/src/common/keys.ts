import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, type ValidationOptions } from 'class-validator';

/** Keys appear in URLs and SDK configs: letters, digits, `-`, `_` and `.`, starting with a letter or digit. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const KEY_PATTERN_MESSAGE = 'must be URL-safe: letters, digits, "-", "_" or "." (starting with a letter or digit)';

/** A DTO field holding a key: a string of at most 100 URL-safe characters. */
export const IsKey = (options: ValidationOptions = {}) =>
  applyDecorators(
    IsString(options),
    MaxLength(100, options),
    Matches(KEY_PATTERN, { ...options, message: KEY_PATTERN_MESSAGE }),
  );

/** PostgreSQL's unique_violation: the loser of a race on a unique key. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
