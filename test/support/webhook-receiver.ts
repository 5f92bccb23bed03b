import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  raw: string;
  body: any;
  at: number;
}

/** Decides the status code of each request (default 200). */
export type Responder = (request: ReceivedRequest, index: number) => number;

/** A real HTTP receiver on 127.0.0.1 (port 0) that records every POST it gets. */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  responder: Responder = () => 200;
  private server!: Server;
  private waiters: (() => void)[] = [];

  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: any = raw;
        try {
          body = JSON.parse(raw);
        } catch {
          // keep the text
        }
        const request = { headers: req.headers, raw, body, at: Date.now() };
        const status = this.responder(request, this.received.length);
        this.received.push(request);
        res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
        this.waiters.splice(0).forEach((wake) => wake());
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  /** Resolves with the requests matching `predicate` once there are `count` of them. */
  async waitFor(predicate: (request: ReceivedRequest) => boolean, count = 1, timeoutMs = 30_000): Promise<ReceivedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matches = this.received.filter(predicate);
      if (matches.length >= count) return matches;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`receiver: ${matches.length} of ${count} expected requests after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
