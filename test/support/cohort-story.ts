import { assignVariant, type CohortRule } from '@verdict/shared';
import type { TestApp } from './app';
import { uniqueKey } from './app';
import { createFlow, startExperiment } from './factories';
import { mulberry32, runningExperiment, sendEvents, sendExposures } from './send';

// A cohort story sent through the public API: an effect strong for small companies and absent
// for enterprise, with attributes at assignment. Shared by the cohort e2e and browser tests.

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

export interface StoryUnit {
  unitId: string;
  variantKey: string;
  attributes: Record<string, unknown>;
  paid: boolean;
}

export interface StoryCohort {
  key: string;
  kind: string;
  name?: string;
  rules?: CohortRule[];
  members?: string[];
}

/**
 * Starts the experiment, sends `unitIds` with seeded attributes and outcomes (paid: 20 %, and
 * 32 % for small companies under treatment), and returns what was sent.
 *
 * Every cohort in the database that the units match joins the breakdown's Holm family, so a
 * test sharing the database with others names its attributes `${attributePrefix}size` and so
 * on: then only its own cohorts match, whatever the other suites created before it.
 */
export async function sendStory(
  t: TestApp,
  input: { experimentKey: string; flowKey: string; unitIds: string[]; seed: number; attributePrefix: string },
): Promise<StoryUnit[]> {
  const { experimentKey, flowKey } = input;
  await startExperiment(t.api, experimentKey);
  const { experiment } = await runningExperiment(t, experimentKey);
  const rand = mulberry32(input.seed);
  const now = Date.now();
  const units: StoryUnit[] = [];
  const exposures: unknown[] = [];
  const events: unknown[] = [];
  for (const [index, unitId] of input.unitIds.entries()) {
    const size = rand() < 0.6 ? 'smb' : 'enterprise';
    const attributes: Record<string, unknown> = {
      size,
      seats: 1 + Math.floor(rand() * 100),
      plan: rand() < 0.5 ? 'pro' : 'free',
      country: rand() < 0.3 ? 'fr' : 'de',
      industry: rand() < 0.4 ? 'retail' : 'saas',
      // A date (RFC 3339), compared as text: no draw, so the seeded data stays as it was.
      signedUpAt: new Date(Date.UTC(2026, 0, 1 + (index % 300))).toISOString(),
    };
    if (rand() < 0.25) attributes.tags = ['beta', 'eu'];
    // Seats sometimes arrive as a string: "50" and 50 are the same value.
    if (rand() < 0.2) attributes.seats = String(attributes.seats);
    const named = Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`${input.attributePrefix}${name}`, value]));
    const evaluation = assignVariant(experiment, unitId, named);
    if (!evaluation.inExperiment) continue;
    const variantKey = evaluation.variantKey!;
    const assignedAt = now - 2 * DAY - Math.floor(rand() * HOUR);
    const rate = variantKey === 'treatment' && size === 'smb' ? 0.32 : 0.2;
    const paid = rand() < rate;
    units.push({ unitId, variantKey, attributes: named, paid });
    exposures.push({ experimentKey, unitId, variantKey, attributes: named, assignedAt: new Date(assignedAt).toISOString() });
    const at = (offset: number) => new Date(assignedAt + offset).toISOString();
    events.push({ id: `${flowKey}-${unitId}-v`, unitId, flowKey, stepKey: 'visit', outcome: 'aligned', occurredAt: at(HOUR) });
    if (paid) events.push({ id: `${flowKey}-${unitId}-p`, unitId, flowKey, stepKey: 'paid', outcome: 'aligned', occurredAt: at(DAY) });
  }
  await sendExposures(t, exposures);
  await sendEvents(t, events);
  return units;
}

/** A two-step checkout flow (visit → paid). */
export async function createCheckoutFlow(t: TestApp): Promise<string> {
  const flow = await createFlow(t.api, {
    key: uniqueKey('co-flow'),
    name: 'Checkout',
    steps: [
      { key: 'visit', name: 'Visit', kind: 'trigger' },
      { key: 'paid', name: 'Paid', kind: 'business_outcome', terminal: true },
    ],
  });
  return flow.key;
}
