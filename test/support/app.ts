import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../server/src/app.factory';
import { loadEnv } from '../../server/src/config/env';
import { contractOf } from './contract';
import { TEST_ADMIN_TOKEN } from './test-env';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  dataSource: DataSource;
  /** Calls the API as the admin unless another token (or null for none) is given. */
  api<T = any>(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** The real app on a real listener (port 0), against the test database and Redis db. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const env = loadEnv({ ...process.env, ...overrides });
  const app = await createApp({ ...env, port: 0, host: '127.0.0.1' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    dataSource: app.get(DataSource),
    api: (method, path, body, token = TEST_ADMIN_TOKEN) => request(baseUrl, method, path, body, token),
    close: () => app.close(),
  };
}

export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TEST_ADMIN_TOKEN,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  // The API lives under /api/v1; OFREP (and the docs) at the root.
  const url = path.startsWith('/api/') || path.startsWith('/ofrep/') ? `${baseUrl}${path}` : `${baseUrl}/api/v1${path}`;
  const response = await fetch(url, { method, headers, body: payload });
  const text = await response.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  // Every response must be one the OpenAPI document allows (see contract.ts).
  const problem = (await contractOf(baseUrl)).check(method, url, response.status, parsed);
  if (problem) throw new Error(`Response outside the API contract: ${problem}`);
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** A short unique suffix so that tests sharing one database never collide on keys. */
export function uniqueKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
