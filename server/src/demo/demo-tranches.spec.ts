import type { Exposure, StepEvent } from '@verdict/shared';
import { splitIntoTranches } from './demo-tranches';
import { seededRandom } from './simulate';

describe('demo traffic in tranches', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const random = seededRandom(8);
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3600_000).toISOString();
  const exposures: Exposure[] = Array.from({ length: 103 }, (_, i) => ({
    experimentKey: 'x',
    unitId: `u${i}`,
    variantKey: 'control',
    assignedAt: hoursAgo(1 + random() * 500),
  }));
  // Each unit has events before and after its assignment (some earlier than any assignment).
  const events: StepEvent[] = exposures.flatMap((exposure, i) =>
    [-200, -1, 2, 40].map((offset, j) => ({
      id: `e${i}-${j}`,
      unitId: exposure.unitId,
      flowKey: 'f',
      stepKey: 's',
      outcome: 'aligned' as const,
      occurredAt: new Date(Math.min(now.getTime() - 60_000, new Date(exposure.assignedAt!).getTime() + offset * 3600_000)).toISOString(),
    })),
  );
  const time = (date: string | undefined) => new Date(date!).getTime();

  it('sends every exposure and event once, in time order', () => {
    const tranches = splitIntoTranches({ exposures, events }, 5, now);
    expect(tranches).toHaveLength(5);
    expect(tranches.flatMap((t) => t.exposures.map((e) => e.unitId)).sort()).toEqual(exposures.map((e) => e.unitId).sort());
    expect(tranches.flatMap((t) => t.events.map((e) => e.id)).sort()).toEqual(events.map((e) => e.id).sort());
    tranches.forEach((tranche, k) => {
      const times = [...tranche.exposures.map((e) => time(e.assignedAt)), ...tranche.events.map((e) => time(e.occurredAt))];
      expect(Math.max(...times)).toBeLessThanOrEqual(tranche.until.getTime());
      if (k > 0) expect(Math.min(...times)).toBeGreaterThan(tranches[k - 1].until.getTime());
    });
  });

  it('adds about as many exposures with each tranche, so the looks are evenly spaced', () => {
    const sizes = splitIntoTranches({ exposures, events }, 5, now).map((t) => t.exposures.length);
    // 103 exposures in 5 tranches: 20 or 21 each (ties in time aside, which random times do not have).
    for (const size of sizes) expect([20, 21]).toContain(size);
  });

  it('makes no empty tranche when there are fewer exposures than tranches', () => {
    const tranches = splitIntoTranches({ exposures: exposures.slice(0, 2), events: [] }, 5, now);
    expect(tranches).toHaveLength(2);
    expect(tranches.map((t) => t.exposures.length)).toEqual([1, 1]);
  });
});
