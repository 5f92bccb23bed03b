import type { ApiError, Page } from '@verdict/shared';
import { clearToken, getToken, UNAUTHORIZED_EVENT } from './auth-token';

export const API_BASE = '/api/v1';

/** An HTTP error from the API, with the field-level problems of a 400 when there are any. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: { field: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Calls the API with the session's token; a 401 anywhere signs the console out. */
export async function apiRequest<T>(
  method: string,
  path: string,
  options: { body?: unknown; query?: Query; token?: string | null } = {},
): Promise<T> {
  const token = options.token === undefined ? getToken() : options.token;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${API_BASE}${withQuery(path, options.query)}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && options.token === undefined) {
      clearToken();
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    }
    const error = (payload ?? {}) as Partial<ApiError>;
    const message =
      typeof error.message === 'string' && error.message
        ? error.message
        : `${response.status} ${response.statusText || 'request failed'}`;
    throw new ApiRequestError(response.status, message, Array.isArray(error.errors) ? error.errors : []);
  }
  return payload as T;
}

/** Reads every page of a list (the API pages with limit/offset), up to a sane ceiling. */
export async function fetchAll<T>(path: string, query: Query = {}, max = 2000): Promise<Page<T>> {
  const limit = 100;
  const items: T[] = [];
  let total = 0;
  for (let offset = 0; offset < max; offset += limit) {
    const page = await apiRequest<Page<T>>('GET', path, { query: { ...query, limit, offset } });
    items.push(...page.items);
    total = page.total;
    if (page.items.length < limit || items.length >= total) break;
  }
  return { items, total };
}

export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.fieldErrors.length > 0) {
      return error.fieldErrors.map((problem) => `${problem.field}: ${problem.reason}`).join('; ');
    }
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
