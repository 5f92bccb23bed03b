import type { HypothesisStatus, VerdictStatus } from '@verdict/shared';
import { ConflictError } from '../common/domain-error';

/** What the status machine reads of a hypothesis. */
export interface StatusState {
  status: HypothesisStatus;
  version: number;
  /** The version a person's verdict was given for, if any: it wins over computed verdicts of that version. */
  manualVerdictVersion: number | null;
}

export type StatusEvent =
  /** A new version of the testable fields. */
  | { kind: 'revise' }
  /** A person's verdict for the current version. */
  | { kind: 'override'; status: 'validated' | 'refuted' | 'inconclusive' }
  | { kind: 'archive' }
  /** An experiment of the hypothesis starts; it tests `version`. */
  | { kind: 'start_experiment'; version: number }
  /** An analysis of the current version decided (`running` and `blocked`: not yet). */
  | { kind: 'computed_verdict'; status: VerdictStatus };

/**
 * The hypothesis status machine, as one pure rule:
 *
 *   draft ──experiment starts──▶ running ──analysis or a person──▶ validated | refuted | inconclusive
 *   any status ──revision──▶ draft (version n+1)          any status ──by hand──▶ archived (for good)
 *
 * A person's verdict holds for its version: computed verdicts of that version no longer move the
 * status, and a started experiment does not reopen it. Returns the status the event moves the
 * hypothesis to (kept in its history), or null when the status stays as it is; a refused event
 * throws a 409 with a code the API documents.
 */
export function nextStatus(state: StatusState, event: StatusEvent): HypothesisStatus | null {
  if (state.status === 'archived') return afterArchive(event);
  switch (event.kind) {
    case 'revise':
      return 'draft';
    case 'override':
      return event.status;
    case 'archive':
      return 'archived';
    case 'start_experiment':
      if (state.version !== event.version) {
        throw new ConflictError(
          `the experiment tests version ${event.version} but the hypothesis is at version ${state.version}: create an experiment for the current version`,
          'stale_version',
        );
      }
      return state.status === 'running' || state.manualVerdictVersion === event.version ? null : 'running';
    case 'computed_verdict': {
      if (state.manualVerdictVersion === state.version) return null;
      const to: HypothesisStatus = event.status === 'blocked' ? 'running' : event.status;
      return to === state.status ? null : to;
    }
  }
}

/** Archived is final: nothing moves it, and only analyses may still report (their verdict stays visible). */
function afterArchive(event: StatusEvent): null {
  switch (event.kind) {
    case 'computed_verdict':
      return null;
    case 'revise':
      throw new ConflictError('an archived hypothesis cannot be revised', 'archived');
    case 'override':
      throw new ConflictError('an archived hypothesis takes no verdict', 'archived');
    case 'archive':
      throw new ConflictError('the hypothesis is already archived', 'archived');
    case 'start_experiment':
      throw new ConflictError('the hypothesis is archived: its experiments cannot start', 'archived');
  }
}
