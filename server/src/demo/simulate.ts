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
  options: JourneyOptions = {},
): StepEvent[] {
  const events: StepEvent[] = [];
  const tag = options.tag ?? '';
  let at = assignedAt.getTime();
  const latest = now.getTime() - 60_000;
  for (const [index, step] of steps.entries()) {
    at += (0.2 + random() * 30) * HOUR;
    if (at > latest) break;
    const occurredAt = new Date(at).toISOString();
    if (random() < step.deviate) {
      events.push({ id: `${flowKey}:${unit.unitId}:${tag}${step.key}:d`, unitId: unit.unitId, flowKey, stepKey: step.key, outcome: 'deviated', occurredAt });
    }
    const chance = Math.min(0.98, step.reach * (effect[step.key] ?? 1));
    const habits = options.habits;
    const draw = habits && random() < habits.persistence ? habits.readiness[index] : random();
    if (draw >= chance) break;
    events.push({ id: `${flowKey}:${unit.unitId}:${tag}${step.key}:a`, unitId: unit.unitId, flowKey, stepKey: step.key, outcome: 'aligned', occurredAt });
  }
  return events;
}

export interface JourneyOptions {
  /** The unit's habits: when given, its reach decisions partly repeat themselves (see `habitsOf`). */
  habits?: Habits;
  /** Prefix of the event ids, so that a second journey of the same unit has ids of its own. */
  tag?: string;
}

/**
 * What makes a unit's behaviour before its assignment predict its behaviour after it (the
 * pre-period covariate CUPED adjusts for): one uniform "readiness" draw per step, which each
 * reach decision reuses with chance `persistence` instead of a fresh draw. Every decision stays
 * uniform, so the reach chances (and the known effects) are unchanged; only the two journeys
 * of a unit become alike.
 */
export interface Habits {
  readiness: number[];
  persistence: number;
}

export function habitsOf(steps: StepModel[], persistence: number, random: () => number): Habits {
  return { readiness: steps.map(() => random()), persistence };
}

/** Teams already seen in the flow before the experiment, and how alike their two journeys are. */
export interface History {
  /** Chance that a unit walked the flow in the lookback window before its assignment. */
  activeShare: number;
  persistence: number;
  /** The window before assignment the earlier journey starts in (CUPED's default lookback). */
  lookbackDays: number;
}

/**
 * A unit's events around its assignment: with chance `activeShare`, an earlier journey (no
 * effect: the unit was not in the experiment yet) that starts inside the lookback window and
 * ends before the assignment; then its journey after the assignment with the variant's effect.
 * Both journeys share the unit's habits. Nothing is dated more than 29 days back (the API keeps
 * 30) or in the future.
 */
export function journeyWithHistory(
  unit: SimulatedUnit,
  flowKey: string,
  steps: StepModel[],
  effect: Effect,
  assignedAt: Date,
  now: Date,
  random: () => number,
  history: History,
): StepEvent[] {
  const habits = habitsOf(steps, history.persistence, random);
  const events: StepEvent[] = [];
  if (random() < history.activeShare) {
    const back = (4 + random() * (history.lookbackDays - 5)) * 24 * HOUR;
    const start = Math.max(assignedAt.getTime() - back, now.getTime() - 29 * 24 * HOUR);
    if (start < assignedAt.getTime()) {
      events.push(...journey(unit, flowKey, steps, {}, new Date(start), assignedAt, random, { habits, tag: 'pre:' }));
    }
  }
  events.push(...journey(unit, flowKey, steps, effect, assignedAt, now, random, { habits }));
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
