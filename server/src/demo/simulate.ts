import type { Attributes, Exposure, StepEvent } from '@verdict/shared';

/** mulberry32: a tiny seeded generator, so that a demo run is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimulatedUnit {
  unitId: string;
  attributes: Attributes;
}

const SIZES = [8, 15, 30, 45, 120, 300, 800, 2500];
const INDUSTRIES = ['retail', 'fintech', 'healthcare', 'saas', 'logistics'];
const REGIONS = ['us', 'ca', 'uk', 'de', 'fr', 'es', 'br', 'jp'];

export function makeUnits(prefix: string, count: number, random: () => number): SimulatedUnit[] {
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  return Array.from({ length: count }, (_, index) => ({
    unitId: `${prefix}-${index.toString(36).padStart(4, '0')}`,
    attributes: { company_size: pick(SIZES), industry: pick(INDUSTRIES), region: pick(REGIONS), plan: 'trial' },
  }));
}

/**
 * The chance that a unit that reached the previous step goes on to reach this one (the first step is
 * the trigger: everyone who is exposed has it), and the chance of a deviation recorded at the step.
 */
export interface StepModel {
  key: string;
  reach: number;
  deviate: number;
}

/** Multipliers a variant applies to the per-step reach chances (the known effect of the demo). */
export type Effect = Record<string, number>;

const HOUR = 3600_000;

/**
 * One unit's journey: it walks the steps in order and stops at the first it does not reach; each
 * reached step is an `aligned` event, each deviation a `deviated` one, all after its assignment
 * and never in the future.
 */
export function journey(
  unit: SimulatedUnit,
  flowKey: string,
  steps: StepModel[],
  effect: Effect,
  assignedAt: Date,
  now: Date,
  random: () => number,
): StepEvent[] {
  const events: StepEvent[] = [];
  let at = assignedAt.getTime();
  const latest = now.getTime() - 60_000;
  for (const step of steps) {
    at += (0.2 + random() * 30) * HOUR;
    if (at > latest) break;
    const occurredAt = new Date(at).toISOString();
    if (random() < step.deviate) {
      events.push({ id: `${unit.unitId}:${step.key}:d`, unitId: unit.unitId, flowKey, stepKey: step.key, outcome: 'deviated', occurredAt });
    }
    const chance = Math.min(0.98, step.reach * (effect[step.key] ?? 1));
    if (random() >= chance) break;
    events.push({ id: `${unit.unitId}:${step.key}:a`, unitId: unit.unitId, flowKey, stepKey: step.key, outcome: 'aligned', occurredAt });
  }
  return events;
}

/** Assignment times spread over the last `days` days (the API accepts up to 30 days back). */
export function assignedAtFor(random: () => number, now: Date, days: number): Date {
  return new Date(now.getTime() - (1 + random() * (days - 1)) * 24 * HOUR);
}

export function exposureOf(experimentKey: string, unit: SimulatedUnit, variantKey: string, assignedAt: Date): Exposure {
  return { experimentKey, unitId: unit.unitId, variantKey, attributes: unit.attributes, assignedAt: assignedAt.toISOString() };
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
