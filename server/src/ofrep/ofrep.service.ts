import { Injectable } from '@nestjs/common';
import type { AssignmentResponse, Attributes, OfrepBulkEvaluation, OfrepEvaluation, SdkExperimentConfig } from '@verdict/shared';
import { createHash } from 'node:crypto';
import { AssignmentsService } from '../assignments/assignments.service';
import { ExperimentConfigService } from '../assignments/experiment-config.service';
import { NotFoundError } from '../common/domain-error';

export interface OfrepUnit {
  unitId: string;
  attributes: Attributes;
}

/**
 * OFREP evaluations (docs/api.md, "OFREP"): each one is `POST /assignments` for the unit (same
 * decision, same recorded assignment), told in OpenFeature's words.
 */
@Injectable()
export class OfrepService {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly configs: ExperimentConfigService,
  ) {}

  /** One experiment; an unknown key is a NotFoundError. */
  async evaluate(key: string, unit: OfrepUnit): Promise<OfrepEvaluation> {
    const assignment = await this.assignments.assign({ experimentKey: key, ...unit });
    const experiment = await this.configs.getByKey(key);
    if (!experiment) throw new NotFoundError('experiment', key);
    return toOfrep(experiment, assignment);
  }

  /** Every running or paused experiment, with an ETag of the answer (the same answer, the same tag). */
  async evaluateAll(unit: OfrepUnit): Promise<{ etag: string; body: OfrepBulkEvaluation }> {
    const live = await this.configs.listLive();
    const flags = await Promise.all(
      live.map(async (experiment) => toOfrep(experiment, await this.assignments.assign({ experimentKey: experiment.key, ...unit }))),
    );
    // Tagged by what the unit gets, not by assignmentReason: a unit's first answer says
    // `assigned` and the next ones `sticky` for the same variant, which is no change to a client.
    const answer = flags.map((flag) => [flag.key, flag.variant, flag.reason, flag.metadata.inExperiment]);
    const etag = `"${createHash('sha256').update(JSON.stringify(answer)).digest('base64url').slice(0, 27)}"`;
    return { etag, body: { flags } };
  }
}

/**
 * The variant key as value and variant: TARGETING_MATCH when forced or let in by the experiment's
 * cohorts, SPLIT when bucketed among everyone; out of the experiment, the control's key (DEFAULT).
 */
export function toOfrep(experiment: SdkExperimentConfig, assignment: AssignmentResponse): OfrepEvaluation {
  const metadata = { inExperiment: assignment.inExperiment, assignmentReason: assignment.reason };
  if (assignment.inExperiment && assignment.variantKey !== null) {
    const targeted = assignment.reason === 'forced' || experiment.targeting.length > 0;
    const variant = assignment.variantKey;
    return { key: experiment.key, value: variant, variant, reason: targeted ? 'TARGETING_MATCH' : 'SPLIT', metadata };
  }
  const control = (experiment.variants.find((v) => v.control) ?? experiment.variants[0]).key;
  return { key: experiment.key, value: control, variant: control, reason: 'DEFAULT', metadata };
}
