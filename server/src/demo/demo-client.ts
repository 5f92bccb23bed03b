// A small fetch client for the demo: it loads data the way any integration would, through the
// public HTTP API, with an admin key.

export class DemoApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

export class DemoClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      throw new DemoApiError(response.status, parsed, `${method} ${path} → ${response.status}: ${text.slice(0, 400)}`);
    }
    return parsed as T;
  }

  /** The resource, or null when the API answers 404. */
  async find<T = any>(path: string): Promise<T | null> {
    try {
      return await this.request<T>('GET', path);
    } catch (error) {
      if (error instanceof DemoApiError && error.status === 404) return null;
      throw error;
    }
  }
}
