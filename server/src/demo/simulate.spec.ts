import { assignedAtFor, journey, makeUnits, seededRandom, StepModel } from './simulate';

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
});
