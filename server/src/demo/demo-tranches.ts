import type { Exposure, Results, SdkConfig, StepEvent } from '@verdict/shared';
import type { DemoClient } from './demo-client';
import { chunks } from './simulate';

// Demo data arrives the way an integration sends it: in time order, a tranche at a time, with an
// analysis after each, so that an experiment's history holds several looks (the sequential
// chart draws one point per analysis) instead of one analysis over everything.

export interface Traffic {
  exposures: Exposure[];
  events: StepEvent[];
}

export interface Tranche extends Traffic {
  /** Everything in the tranche happened at or before this instant. */
  until: Date;
}

/**
 * Splits the traffic in time order into `count` tranches of about as many exposures each (the
 * looks then come at evenly spaced sample sizes): tranche k holds the exposures and events dated
 * after the end of tranche k − 1 and at most at its own end; the last one runs to the last item,
 * so every exposure and event is in exactly one tranche. An exposure or event without a date is
 * taken as sent now.
 */
export function splitIntoTranches(traffic: Traffic, count: number, now: Date = new Date()): Tranche[] {
  const at = (date: string | undefined) => (date === undefined ? now.getTime() : new Date(date).getTime());
  const exposureTimes = traffic.exposures.map((exposure) => at(exposure.assignedAt)).sort((a, b) => a - b);
  const latest = traffic.events.reduce((max, event) => Math.max(max, at(event.occurredAt)), now.getTime());
  const ends: number[] = [];
  for (let k = 1; k < count; k++) {
    const index = Math.ceil((k * exposureTimes.length) / count) - 1;
    // The last exposure belongs to the last tranche, and a cut no later than the previous one is
    // skipped: every tranche brings new exposures.
    if (index < 0 || index >= exposureTimes.length - 1) continue;
    if (ends.length === 0 || exposureTimes[index] > ends[ends.length - 1]) ends.push(exposureTimes[index]);
  }
  ends.push(latest);
  const trancheOf = (time: number) => ends.findIndex((end) => time <= end);
  const tranches: Tranche[] = ends.map((end) => ({ until: new Date(end), exposures: [], events: [] }));
  for (const exposure of traffic.exposures) tranches[trancheOf(at(exposure.assignedAt))].exposures.push(exposure);
  for (const event of traffic.events) tranches[trancheOf(at(event.occurredAt))].events.push(event);
  return tranches;
}

export interface Delivery {
  exposed: number;
  events: number;
  /** The results of the analysis after each tranche (null when one did not finish). */
  analyses: (Results | null)[];
}

/**
 * Sends the traffic of one experiment in `tranches` time-ordered tranches (exposures, then the
 * events up to the same instant) and runs an analysis after each, waiting for it.
 */
export async function deliverInTranches(
  client: DemoClient,
  experimentKey: string,
  traffic: Traffic,
  options: { tranches: number; log?: (line: string) => void },
): Promise<Delivery> {
  const log = options.log ?? (() => undefined);
  const delivery: Delivery = { exposed: 0, events: 0, analyses: [] };
  for (const tranche of splitIntoTranches(traffic, options.tranches)) {
    const sent = await sendTraffic(client, experimentKey, tranche, log);
    delivery.exposed += sent.exposed;
    delivery.events += sent.events;
    delivery.analyses.push(await runAnalysis(client, experimentKey, log));
  }
  return delivery;
}

/** Posts the exposures, then the events, in batches of 1,000; how many of each were accepted. */
export async function sendTraffic(
  client: DemoClient,
  experimentKey: string,
  traffic: Traffic,
  log: (line: string) => void,
): Promise<{ exposed: number; events: number }> {
  const sent = { exposed: 0, events: 0 };
  for (const batch of chunks(traffic.exposures, 1000)) {
    const response = await client.request<{ accepted: number; rejected: unknown[] }>('POST', '/exposures', { exposures: batch });
    if (response.rejected.length > 0) log(`  ${experimentKey}: ${response.rejected.length} exposures rejected`);
    sent.exposed += batch.length - response.rejected.length;
  }
  for (const batch of chunks(traffic.events, 1000)) {
    const response = await client.request<{ accepted: number; rejected: unknown[] }>('POST', '/events', { events: batch });
    if (response.rejected.length > 0) log(`  ${experimentKey}: ${response.rejected.length} events rejected`);
    sent.events += batch.length - response.rejected.length;
  }
  return sent;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The experiment as an SDK sees it; the config is cached briefly, so a just-started experiment may take a moment. */
export async function sdkConfigOf(client: DemoClient, key: string): Promise<SdkConfig['experiments'][number]> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const config = await client.request<SdkConfig>('GET', '/sdk/config');
    const found = config.experiments.find((candidate) => candidate.key === key);
    if (found) return found;
    await sleep(500);
  }
  throw new Error(`experiment ${key} did not appear in /sdk/config within a minute`);
}

/** "Run analysis now" and wait for the job; the latest results, or null when it did not finish. */
export async function runAnalysis(client: DemoClient, key: string, log: (line: string) => void = () => undefined): Promise<Results | null> {
  const { jobId } = await client.request<{ jobId: string }>('POST', `/experiments/${key}/analyses`);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const job = await client.request<{ state: string; error: string | null }>('GET', `/analysis-jobs/${jobId}`);
    if (job.state === 'failed') {
      log(`  ${key}: analysis failed: ${job.error}`);
      return null;
    }
    if (job.state === 'done') return client.request<Results>('GET', `/experiments/${key}/results`);
    await sleep(200);
  }
  log(`  ${key}: analysis still queued after two minutes`);
  return null;
}
