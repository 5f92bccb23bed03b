// The journeys part of the demo: an incident-response flow used by two personas with different
// expectations. Admins are expected to review the dashboard within a week of each alert; end
// users only to resolve the incident within two weeks. The admins' journey is made to fall short,
// so the health check opens an escalation; the end users meet theirs. Everything goes through
// the public API: units with POST /units, events with POST /events, expectations, a check.
import type { CreateFlowRequest, JourneyHealth, StepEvent } from '@verdict/shared';
import type { DemoClient } from './demo-client';
import { chunks, seededRandom } from './simulate';

const DAY = 24 * 3600 * 1000;

export const HEALTH_FLOW: CreateFlowRequest = {
  key: 'demo-incidents',
  name: 'Incident response',
  description: 'An alert fires; the customer looks, resolves, comes back next time, renews.',
  steps: [
    { key: 'alert', name: 'Alert or weekly digest received', kind: 'trigger' },
    { key: 'review', name: 'Reviewed the dashboard', kind: 'step' },
    { key: 'assign', name: 'Assigned an owner', kind: 'step' },
    { key: 'resolve', name: 'Resolved the incident', kind: 'need_met' },
    { key: 'return', name: 'Came back at the next alert', kind: 'adoption' },
    { key: 'renew', name: 'Renewed the subscription', kind: 'business_outcome', terminal: true },
  ],
};

export const PERSONAS = [
  { key: 'admins', name: 'Admins', kind: 'custom' as const, rules: [{ attribute: 'role', op: 'eq' as const, value: 'admin' }] },
  { key: 'end-users', name: 'End users', kind: 'custom' as const, rules: [{ attribute: 'role', op: 'eq' as const, value: 'end_user' }] },
];

const EXPECTATIONS = [
  { cohortKey: 'admins', stepKey: 'review', expectedRate: 0.7, windowDays: 7 },
  { cohortKey: 'end-users', stepKey: 'resolve', expectedRate: 0.4, windowDays: 14 },
];

/** Loads the flow, personas, units, events and expectations, runs a check; the flow's key and one line per expectation. */
export async function loadHealthDemo(
  client: DemoClient,
  fresh: boolean,
  log: (line: string) => void,
): Promise<{ flowKey: string; lines: string[] }> {
  const suffix = fresh ? `_${Date.now().toString(36)}` : '';
  const flowKey = `${HEALTH_FLOW.key}${suffix}`;
  if (!fresh && (await client.find(`/flows/${flowKey}`))) {
    log(`flow ${flowKey} exists`);
    return { flowKey, lines: ['journey health: already loaded (use --fresh for another copy)'] };
  }
  await client.request('POST', '/flows', { ...HEALTH_FLOW, key: flowKey });
  for (const persona of PERSONAS) if (!(await client.find(`/cohorts/${persona.key}`))) await client.request('POST', '/cohorts', persona);

  const random = seededRandom(1414);
  const now = Date.now();
  const units: { unitId: string; attributes: Record<string, unknown> }[] = [];
  const events: StepEvent[] = [];
  const event = (unitId: string, stepKey: string, at: number, outcome: 'aligned' | 'deviated' = 'aligned') =>
    events.push({ id: `${flowKey}-${events.length}`, unitId, flowKey, stepKey, outcome, occurredAt: new Date(at).toISOString() });
  for (let i = 0; i < 420; i++) {
    const admin = i % 3 === 0;
    const unitId = `${flowKey}-${admin ? 'admin' : 'user'}-${i}`;
    units.push({ unitId, attributes: { role: admin ? 'admin' : 'end_user', seats: admin ? 5 + (i % 40) : 1 } });
    // Admins' alerts 8 to 13 days ago, end users' 15 to 27: inside each expectation's closed range.
    const alert = now - (admin ? 8 + random() * 5 : 15 + random() * 12) * DAY;
    event(unitId, 'alert', alert);
    const later = (maxDays: number) => alert + random() * maxDays * DAY;
    const reviewed = random() < (admin ? 0.45 : 0.5); // admins are expected at 70 %: they fall short
    if (reviewed) event(unitId, 'review', later(6));
    else if (random() < 0.2) event(unitId, 'review', later(6), 'deviated');
    const assigned = reviewed && random() < 0.7;
    if (assigned) event(unitId, 'assign', later(6));
    const resolved = random() < (assigned ? 0.75 : 0.3);
    if (resolved) event(unitId, 'resolve', later(7));
    const returned = random() < (resolved ? 0.6 : 0.25);
    if (returned) event(unitId, 'return', Math.min(now - DAY, later(7) + DAY));
    if (random() < (returned ? 0.55 : 0.15)) event(unitId, 'renew', Math.min(now - DAY / 2, later(7) + 2 * DAY));
  }
  for (const batch of chunks(units, 1000)) await client.request('POST', '/units', { units: batch });
  for (const batch of chunks(events, 1000)) await client.request('POST', '/events', { events: batch });
  await client.request('PUT', `/flows/${flowKey}/expectations`, { expectations: EXPECTATIONS });
  log(`created flow ${flowKey}: ${units.length} units (admins and end users), ${events.length} events, ${EXPECTATIONS.length} expectations`);

  await client.request('POST', `/flows/${flowKey}/health-checks`);
  const deadline = Date.now() + 60_000;
  let health: JourneyHealth | null = null;
  while (Date.now() < deadline) {
    health = await client.request<JourneyHealth>('GET', `/flows/${flowKey}/health`);
    if (health.checkedAt) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!health?.checkedAt) return { flowKey, lines: [`journey health of ${flowKey}: the check did not run within a minute`] };
  const lines = health.expectations.map(
    (e) =>
      `journey health ${flowKey}: ${e.cohortKey} → ${e.stepKey} ${((e.observedRate ?? 0) * 100).toFixed(1)}% of ${e.units} ` +
      `(expected ${(e.expectedRate * 100).toFixed(0)}%) ${e.escalation?.status === 'open' ? 'ESCALATED' : 'healthy'}`,
  );
  return { flowKey, lines };
}
