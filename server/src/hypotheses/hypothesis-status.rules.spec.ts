import type { HypothesisStatus } from '@verdict/shared';
import { ConflictError } from '../common/domain-error';
import { nextStatus, StatusEvent, StatusState } from './hypothesis-status.rules';

const state = (status: HypothesisStatus, overrides: Partial<StatusState> = {}): StatusState => ({
  status,
  version: 2,
  manualVerdictVersion: null,
  ...overrides,
});

function refusal(current: StatusState, event: StatusEvent): { code: string; status: number } {
  try {
    nextStatus(current, event);
  } catch (error) {
    if (error instanceof ConflictError) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error(`${event.kind} from ${current.status} was not refused`);
}

describe('nextStatus (the hypothesis status machine)', () => {
  it('moves a draft to running when its experiment starts, and leaves a running one as it is', () => {
    expect(nextStatus(state('draft'), { kind: 'start_experiment', version: 2 })).toBe('running');
    expect(nextStatus(state('running'), { kind: 'start_experiment', version: 2 })).toBeNull();
    // A decided hypothesis reopens when a new experiment of its version starts…
    expect(nextStatus(state('inconclusive'), { kind: 'start_experiment', version: 2 })).toBe('running');
    // …unless a person's verdict holds for that version.
    expect(nextStatus(state('refuted', { manualVerdictVersion: 2 }), { kind: 'start_experiment', version: 2 })).toBeNull();
  });

  it('refuses to start an experiment of an older version', () => {
    expect(refusal(state('draft'), { kind: 'start_experiment', version: 1 })).toEqual({ code: 'stale_version', status: 409 });
  });

  it('follows computed verdicts, mapping "running" and "blocked" to running', () => {
    const running = state('running');
    expect(nextStatus(running, { kind: 'computed_verdict', status: 'validated' })).toBe('validated');
    expect(nextStatus(running, { kind: 'computed_verdict', status: 'refuted' })).toBe('refuted');
    expect(nextStatus(running, { kind: 'computed_verdict', status: 'inconclusive' })).toBe('inconclusive');
    expect(nextStatus(running, { kind: 'computed_verdict', status: 'running' })).toBeNull();
    expect(nextStatus(running, { kind: 'computed_verdict', status: 'blocked' })).toBeNull();
    expect(nextStatus(state('validated'), { kind: 'computed_verdict', status: 'blocked' })).toBe('running');
    expect(nextStatus(state('validated'), { kind: 'computed_verdict', status: 'validated' })).toBeNull();
  });

  it("never lets a computed verdict override a person's verdict of the same version", () => {
    const overridden = state('refuted', { manualVerdictVersion: 2 });
    expect(nextStatus(overridden, { kind: 'computed_verdict', status: 'validated' })).toBeNull();
    // A verdict given for an earlier version no longer holds.
    expect(nextStatus(state('refuted', { manualVerdictVersion: 1 }), { kind: 'computed_verdict', status: 'validated' })).toBe(
      'validated',
    );
  });

  it("takes a person's verdict from any status but archived", () => {
    for (const from of ['draft', 'running', 'validated', 'refuted', 'inconclusive'] as const) {
      expect(nextStatus(state(from), { kind: 'override', status: 'inconclusive' })).toBe('inconclusive');
    }
    expect(refusal(state('archived'), { kind: 'override', status: 'validated' })).toEqual({ code: 'archived', status: 409 });
  });

  it('sends a revision back to draft from any status but archived', () => {
    for (const from of ['draft', 'running', 'validated', 'refuted', 'inconclusive'] as const) {
      expect(nextStatus(state(from), { kind: 'revise' })).toBe('draft');
    }
    expect(refusal(state('archived'), { kind: 'revise' })).toEqual({ code: 'archived', status: 409 });
  });

  it('archives once, for good', () => {
    for (const from of ['draft', 'running', 'validated', 'refuted', 'inconclusive'] as const) {
      expect(nextStatus(state(from), { kind: 'archive' })).toBe('archived');
    }
    const archived = state('archived');
    expect(refusal(archived, { kind: 'archive' })).toEqual({ code: 'archived', status: 409 });
    expect(refusal(archived, { kind: 'start_experiment', version: 2 })).toEqual({ code: 'archived', status: 409 });
    // Analyses of an archived hypothesis still report, but never move it.
    expect(nextStatus(archived, { kind: 'computed_verdict', status: 'validated' })).toBeNull();
  });
});
