// The SDK's HTTP layer: global `fetch` only (Node ≥ 18 and browsers), bearer key, timeouts,
// retries with exponential backoff and jitter for what may succeed later (network errors,
// 408, 429, 5xx). Everything the SDK resends is idempotent (event ids, sticky assignments).

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** The server, e.g. `https://verdict.example.com` (the `/api/v1` prefix is added). */
  baseUrl: string;
  /** An API key of scope `sdk` (or `admin`). */
  apiKey: string;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** First retry delay; doubles each attempt, capped at 30 s. Default 250 ms. */
  backoffMs?: number;
}

export interface HttpResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

export class VerdictHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'VerdictHttpError';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export class Transport {
  private readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;
  private readonly backoffMs: number;

  constructor(private readonly options: TransportOptions) {
    if (!options.baseUrl) throw new Error('Verdict SDK: baseUrl is required');
    if (!options.apiKey) throw new Error('Verdict SDK: apiKey is required');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '') + '/api/v1';
    const fetchImpl = options.fetch ?? (globalThis.fetch as FetchLike | undefined);
    if (!fetchImpl) throw new Error('Verdict SDK: no global fetch; pass options.fetch');
    this.fetchImpl = fetchImpl;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.backoffMs = options.backoffMs ?? 250;
  }

  /** One request, retried up to `retries` times when the failure is transient. */
  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; retries?: number; keepalive?: boolean } = {},
  ): Promise<HttpResult<T>> {
    const retries = options.retries ?? 0;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.once<T>(method, path, options);
        if (result.status < 400 || result.status === 304) return result;
        if (!retryable(result.status) || attempt >= retries) {
          const message = (result.body as { message?: string } | undefined)?.message ?? `HTTP ${result.status}`;
          throw new VerdictHttpError(result.status, result.body, `${method} ${path}: ${message}`);
        }
      } catch (error) {
        if (error instanceof VerdictHttpError || attempt >= retries) throw error;
      }
      const delay = Math.min(30_000, this.backoffMs * 2 ** attempt);
      await sleep(delay / 2 + Math.random() * (delay / 2));
    }
  }

  private async once<T>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; keepalive?: boolean },
  ): Promise<HttpResult<T>> {
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = controller ? setTimeout(() => controller.abort(), this.timeoutMs) : undefined;
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${this.options.apiKey}`, ...options.headers };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller?.signal,
        keepalive: options.keepalive,
      });
      const text = response.status === 304 ? '' : await response.text();
      let body: unknown = undefined;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      return { status: response.status, body: body as T, headers: response.headers };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }
}
