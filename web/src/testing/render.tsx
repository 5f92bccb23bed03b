import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';

export interface StubbedCall {
  method: string;
  url: string;
  body: unknown;
}

/**
 * Replaces `fetch` with a router of canned JSON answers (`"GET /api/v1/flows"` → body), and
 * records every call so a spec can assert what a form sent. The signed-in key is an admin
 * unless the answers say otherwise (`"GET /api/v1/me"`).
 */
export function stubFetch(answers: Record<string, { status?: number; body: unknown } | unknown>): StubbedCall[] {
  answers = { 'GET /api/v1/me': { name: 'admin', scope: 'admin' }, ...answers };
  const calls: StubbedCall[] = [];
  (globalThis as { fetch: unknown }).fetch = async (input: string, init: { method?: string; body?: string } = {}) => {
    const method = init.method ?? 'GET';
    const url = String(input);
    calls.push({ method, url, body: init.body ? JSON.parse(init.body) : undefined });
    const path = url.split('?')[0];
    const answer = answers[`${method} ${path}`];
    if (answer === undefined) return reply(404, { statusCode: 404, message: `no stub for ${method} ${path}` });
    const wrapped =
      typeof answer === 'object' && answer !== null && 'body' in answer
        ? (answer as { status?: number; body: unknown })
        : { body: answer };
    return reply(wrapped.status ?? 200, wrapped.body);
  };
  return calls;
}

// jsdom has no Response: the client only reads ok, status, statusText and text().
function reply(status: number, body: unknown) {
  return { ok: status >= 200 && status < 300, status, statusText: '', text: async () => JSON.stringify(body) };
}

/** Renders a page at a path inside the providers the console uses. */
export function renderAt(path: string, routes: { path: string; element: ReactElement }[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          {routes.map((route) => (
            <Route key={route.path} path={route.path} element={route.element} />
          ))}
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
