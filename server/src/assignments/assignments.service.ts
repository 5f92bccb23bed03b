import { Injectable } from '@nestjs/common';
import { AssignmentRequest, AssignmentResponse, Attributes, evaluateUnforced } from '@verdict/shared';
import { NotFoundError } from '../common/domain-error';
import { AssignmentWriter } from './assignment-writer.service';
import { ExperimentConfigService } from './experiment-config.service';
import { UnitsQuery } from '../units/units.query';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * POST /assignments (docs/architecture.md, "The path of an assignment"): forced variant → recorded assignment (sticky) → running? →
 * targeting → bucketing. A new assignment is in PostgreSQL before it is returned.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly configs: ExperimentConfigService,
    private readonly writer: AssignmentWriter,
    private readonly units: UnitsQuery,
  ) {}

  async assign(request: AssignmentRequest): Promise<AssignmentResponse> {
    const { experimentKey, unitId } = request;
    const attributes: Attributes = request.attributes ?? {};
    // Sent attributes become the unit's current ones (the insert below carries them).
    const unitAttributes = request.attributes;
    const experiment = await this.configs.getByKey(experimentKey);
    if (!experiment) throw new NotFoundError('experiment', experimentKey);

    if (hasOwn.call(experiment.forcedVariants, unitId)) {
      const variantKey = experiment.forcedVariants[unitId];
      const stored = await this.writer.insert({
        experimentId: experiment.id,
        unitId,
        variantKey,
        attributes,
        forced: true,
        source: 'server',
        unitAttributes,
      });
      return { experimentKey, unitId, inExperiment: true, variantKey, assignedAt: stored.assignedAt.toISOString(), reason: 'forced' };
    }

    const evaluation = evaluateUnforced(experiment, unitId, attributes);
    if (evaluation.inExperiment) {
      // Insert-first: for a new unit (the common case) this is the only round trip; a unit
      // that already has a row gets that row back, whatever it would be bucketed into now.
      const stored = await this.writer.insert({
        experimentId: experiment.id,
        unitId,
        variantKey: evaluation.variantKey,
        attributes,
        forced: false,
        source: 'server',
        unitAttributes,
      });
      return {
        experimentKey,
        unitId,
        inExperiment: true,
        variantKey: stored.variantKey,
        assignedAt: stored.assignedAt.toISOString(),
        reason: stored.inserted ? 'assigned' : 'sticky',
      };
    }

    const [sticky] = await Promise.all([
      this.writer.find(experiment.id, unitId),
      unitAttributes === undefined ? undefined : this.units.upsert([{ unitId, attributes: unitAttributes }]),
    ]);
    if (sticky) {
      return {
        experimentKey,
        unitId,
        inExperiment: true,
        variantKey: sticky.variantKey,
        assignedAt: sticky.assignedAt.toISOString(),
        reason: 'sticky',
      };
    }
    return { experimentKey, unitId, inExperiment: false, variantKey: null, assignedAt: null, reason: evaluation.reason };
  }
}
