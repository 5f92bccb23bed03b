import type { SdkConfig } from '@verdict/shared';
import type { TestApp } from './app';

// Sending test data through the public API as the SDKs do, and waiting for what the worker does
// with it: shared by the e2e and browser tests that analyse experiments.

/** mulberry32: a small seeded generator, so every run sends the same data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polls `probe` until it returns something truthy; fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met in ${timeoutMs} ms`);
}

/**
 * The started experiment as the SDK config shows it (the config is cached for a second), with
 * the config's salt, which hashes unit ids for forced assignments.
 */
export async function runningExperiment(t: TestApp, experimentKey: string): Promise<{ experiment: SdkConfig['experiments'][number]; salt: string }> {
  let salt = '';
  const experiment = await waitFor(async () => {
    const config = await t.api<SdkConfig>('GET', '/sdk/config');
    salt = config.body.configSalt;
    return config.body.experiments.find((e) => e.key === experimentKey && e.status === 'running');
  });
  return { experiment, salt };
}

async function sendInBatches(t: TestApp, route: '/exposures' | '/events', items: unknown[], size: number): Promise<void> {
  const field = route.slice(1);
  for (let i = 0; i < items.length; i += size) {
    const response = await t.api('POST', route, { [field]: items.slice(i, i + size) });
    if (response.status !== 202) throw new Error(`${field}: ${response.status} ${JSON.stringify(response.body)}`);
    if (response.body.rejected.length > 0) throw new Error(`${field} rejected: ${JSON.stringify(response.body.rejected[0])}`);
  }
}

/** POST /exposures, 500 a request; fails on any rejected exposure. */
export function sendExposures(t: TestApp, exposures: unknown[]): Promise<void> {
  return sendInBatches(t, '/exposures', exposures, 500);
}

/** POST /events, 1,000 a request; fails on any rejected event. */
export function sendEvents(t: TestApp, events: unknown[]): Promise<void> {
  return sendInBatches(t, '/events', events, 1000);
}

/** Queues an analysis and waits for its job; the analysis id. */
export async function runAnalysis(t: TestApp, experimentKey: string): Promise<string> {
  const accepted = await t.api('POST', `/experiments/${experimentKey}/analyses`);
  if (accepted.status !== 202) throw new Error(`analysis request: ${accepted.status}`);
  const job = await waitFor(async () => {
    const response = await t.api('GET', `/analysis-jobs/${accepted.body.jobId}`);
    if (response.body.state === 'failed') throw new Error(`analysis job failed: ${response.body.error}`);
    return response.body.state === 'done' ? response.body : null;
  });
  return job.analysisId;
}

/** Waits for the succeeded final analysis that stopping the experiment queues; the analysis as listed. */
export function finalAnalysis(t: TestApp, experimentKey: string): Promise<any> {
  return waitFor(async () => {
    const list = await t.api('GET', `/experiments/${experimentKey}/analyses`);
    return list.body.items.find((a: { trigger: string; status: string }) => a.trigger === 'final' && a.status === 'succeeded');
  });
}
