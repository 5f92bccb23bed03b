import { assignedAtFor, History, journey, journeyWithHistory, makeUnits, seededRandom, StepModel } from './simulate';

const steps: StepModel[] = [
  { key: 'signup', reach: 1, deviate: 0 },
  { key: 'setup', reach: 0.5, deviate: 0.2 },
  { key: 'report', reach: 0.4, deviate: 0 },
];

describe('demo traffic simulation', () => {
  const now = new Date('2026-11-22T12:00:00Z');

  it('is reproducible from its seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
    expect(makeUnits('x', 3, seededRandom(7))).toEqual(makeUnits('x', 3, seededRandom(7)));
  });

  it('walks the steps in order, after the assignment and never in the future', () => {
    const random = seededRandom(1);
    for (const unit of makeUnits('u', 200, random)) {
      const assignedAt = assignedAtFor(random, now, 21);
      expect(assignedAt.getTime()).toBeLessThan(now.getTime());
      expect(now.getTime() - assignedAt.getTime()).toBeLessThanOrEqual(21 * 86_400_000);
      const events = journey(unit, 'flow', steps, {}, assignedAt, now, random);
      const aligned = events.filter((event) => event.outcome === 'aligned').map((event) => event.stepKey);
      // Reached steps form a prefix of the flow: nobody reaches "report" without "setup".
      expect(steps.map((step) => step.key).slice(0, aligned.length)).toEqual(aligned);
      for (const event of events) {
        const at = new Date(event.occurredAt!).getTime();
        expect(at).toBeGreaterThan(assignedAt.getTime());
        expect(at).toBeLessThanOrEqual(now.getTime());
        expect(event.unitId).toBe(unit.unitId);
      }
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    }
  });

  it('applies the known effect: the reach chance of a step is multiplied', () => {
    const reachRate = (effect: Record<string, number>) => {
      const random = seededRandom(3);
      const units = makeUnits('e', 20_000, random);
      const assignedAt = new Date(now.getTime() - 20 * 86_400_000);
      const reached = units.filter((unit) =>
        journey(unit, 'flow', steps, effect, assignedAt, now, random).some((event) => event.stepKey === 'setup' && event.outcome === 'aligned'),
      ).length;
      return reached / units.length;
    };
    // 20,000 draws: the standard error of a rate near 0.5 is 0.0035, so ±0.02 is over five of them.
    expect(Math.abs(reachRate({}) - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(reachRate({ setup: 1.4 }) - 0.7)).toBeLessThan(0.02);
  });

  describe('with a history before the assignment', () => {
    const history: History = { activeShare: 0.7, persistence: 0.9, lookbackDays: 14 };
    const DAY = 86_400_000;

    it('dates the earlier journey inside the lookback window before the assignment, never beyond 29 days back', () => {
      const random = seededRandom(11);
      let before = 0;
      for (const unit of makeUnits('h', 500, random)) {
        const assignedAt = assignedAtFor(random, now, 21);
        const events = journeyWithHistory(unit, 'flow', steps, {}, assignedAt, now, random, history);
        for (const event of events) {
          const at = new Date(event.occurredAt!).getTime();
          expect(at).toBeGreaterThanOrEqual(now.getTime() - 29 * DAY);
          expect(at).toBeLessThanOrEqual(now.getTime());
          if (at < assignedAt.getTime()) {
            before++;
            expect(at).toBeGreaterThanOrEqual(assignedAt.getTime() - history.lookbackDays * DAY);
            expect(event.id.startsWith(`flow:${unit.unitId}:pre:`)).toBe(true);
          }
        }
        expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      }
      expect(before).toBeGreaterThan(0);
    });

    // What CUPED sees on a step: X = reached it in the lookback window, Y = reached it after the assignment.
    const sample = (effect: Record<string, number>) => {
      const random = seededRandom(5);
      const assignedAt = new Date(now.getTime() - 15 * DAY);
      let [n, sumX, sumY, sumXY] = [0, 0, 0, 0];
      for (const unit of makeUnits('c', 20_000, random)) {
        const events = journeyWithHistory(unit, 'flow', steps, effect, assignedAt, now, random, history);
        const reached = (after: boolean) =>
          events.some((e) => e.stepKey === 'setup' && e.outcome === 'aligned' && new Date(e.occurredAt!) >= assignedAt === after);
        const x = reached(false) ? 1 : 0;
        const y = reached(true) ? 1 : 0;
        n++;
        sumX += x;
        sumY += y;
        sumXY += x * y;
      }
      const [px, py] = [sumX / n, sumY / n];
      return { py, rho: (sumXY / n - px * py) / Math.sqrt(px * (1 - px) * py * (1 - py)) };
    };

    it('keeps the reach chances and the known effect', () => {
      // 20,000 draws: standard error about 0.0035 on a rate near 0.5; ±0.02 is over five of them.
      expect(Math.abs(sample({}).py - 0.5)).toBeLessThan(0.02);
      expect(Math.abs(sample({ setup: 1.4 }).py - 0.7)).toBeLessThan(0.02);
    });

    it('makes behaviour before the assignment predict behaviour after it', () => {
      // Each decision passes with chance c (0.98 for the trigger, capped; 0.5 for setup). Each
      // journey reuses the unit's draw with chance 0.9, so both reuse it with chance 0.81 and then
      // pass together with chance c, else independently (c²): 0.81·c + 0.19·c². 70% of the units
      // have an earlier journey. So P(X=1) = 0.7·0.98·0.5 = 0.343, P(Y=1) = 0.49,
      // P(X=1, Y=1) = 0.7·0.97628·0.4525 = 0.30924 and
      // ρ = (0.30924 − 0.343·0.49) / √(0.343·0.657·0.49·0.51) = 0.595 (python3 by hand).
      // The standard error of ρ̂ at n = 20,000 is under 0.01; ±0.04 allows for it.
      expect(Math.abs(sample({}).rho - 0.595)).toBeLessThan(0.04);
    });
  });
});
