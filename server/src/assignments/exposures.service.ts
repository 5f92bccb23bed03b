import { Injectable } from '@nestjs/common';
import { evaluateUnforced, Exposure, ExposuresResponse } from '@verdict/shared';
import { MAX_BACKDATE_MS, MAX_CLOCK_SKEW_MS } from '../common/limits';
import { parseRfc3339 } from '../common/rfc3339';
import { AssignmentWriter } from './assignment-writer.service';
import type { NewAssignment } from './assignments.query';
import { ExperimentConfigService } from './experiment-config.service';
import { UnitsQuery } from '../units/units.query';
import type { LiveExperiment } from './experiment-config.query';

const hasOwn = Object.prototype.hasOwnProperty;

interface Candidate {
  index: number;
  row: NewAssignment;
}

/**
 * POST /exposures: assignments an SDK made locally. Each is checked against the server's own
 * evaluation (forced, running, targeting, bucketing) and against the unit's recorded
 * assignment; valid ones are stored stickily like server-made ones.
 */
@Injectable()
export class ExposuresService {
  constructor(
    private readonly configs: ExperimentConfigService,
    private readonly writer: AssignmentWriter,
    private readonly units: UnitsQuery,
  ) {}

  async record(exposures: Exposure[], now = new Date()): Promise<ExposuresResponse> {
    const rejected: ExposuresResponse['rejected'] = [];
    const candidates: Candidate[] = [];
    const experiments = new Map<string, LiveExperiment | null>();
    for (const key of new Set(exposures.map((e) => e.experimentKey))) {
      experiments.set(key, await this.configs.getByKey(key));
    }

    // Every (experiment, unit) pair: a unit already recorded keeps its variant (sticky), so the
    // recorded rows decide before the evaluation does.
    const known = [...experiments.values()].filter((e): e is LiveExperiment => e !== null);
    const idOf = new Map(known.map((e) => [e.key, e.id]));
    const recorded = await this.writer.findMany(
      exposures
        .filter((e) => idOf.has(e.experimentKey))
        .map((e) => ({ experimentId: idOf.get(e.experimentKey)!, unitId: e.unitId })),
    );

    const claimed = new Map<string, string>();
    exposures.forEach((exposure, index) => {
      const experiment = experiments.get(exposure.experimentKey);
      if (!experiment) return rejected.push({ index, reason: 'unknown_experiment' });
      const pair = AssignmentWriter.pairKey(experiment.id, exposure.unitId);

      const existing = recorded.get(pair);
      if (existing) {
        if (existing.variantKey !== exposure.variantKey) rejected.push({ index, reason: 'conflicts_with_recorded_assignment' });
        return;
      }
      // Checked by the controller (parseExposures): an RFC 3339 date-time with a zone.
      const assignedAt = exposure.assignedAt === undefined ? undefined : parseRfc3339(exposure.assignedAt)!;
      if (assignedAt && (assignedAt.getTime() < now.getTime() - MAX_BACKDATE_MS || assignedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS)) {
        return rejected.push({ index, reason: 'assigned_at_out_of_range' });
      }

      const forced = hasOwn.call(experiment.forcedVariants, exposure.unitId);
      let expected: string;
      if (forced) {
        expected = experiment.forcedVariants[exposure.unitId];
      } else {
        const evaluation = evaluateUnforced(experiment, exposure.unitId, exposure.attributes ?? {});
        if (!evaluation.inExperiment) return rejected.push({ index, reason: evaluation.reason });
        expected = evaluation.variantKey;
      }
      if (expected !== exposure.variantKey) return rejected.push({ index, reason: 'variant_mismatch' });

      // The same unit twice in one batch: the first one is stored, the second agrees with it.
      if (claimed.has(pair)) return;
      claimed.set(pair, expected);
      candidates.push({
        index,
        row: {
          experimentId: experiment.id,
          unitId: exposure.unitId,
          variantKey: expected,
          attributes: exposure.attributes ?? {},
          forced,
          source: 'sdk',
          assignedAt: assignedAt && assignedAt > now ? now : assignedAt,
        },
      });
    });

    const stored = await this.writer.insertMany(candidates.map((c) => c.row));
    for (const { index, row } of candidates) {
      // Lost a race to a concurrent first assignment with another variant (only possible if
      // the configuration changed in between).
      const winner = stored.get(AssignmentWriter.pairKey(row.experimentId, row.unitId));
      if (!winner || winner.variantKey !== row.variantKey) rejected.push({ index, reason: 'conflicts_with_recorded_assignment' });
    }
    rejected.sort((a, b) => a.index - b.index);
    // The attributes of every accepted exposure become its unit's current ones (in batch order: latest wins).
    const refused = new Set(rejected.map((r) => r.index));
    await this.units.upsert(
      exposures.flatMap((e, index) => (refused.has(index) || e.attributes === undefined ? [] : [{ unitId: e.unitId, attributes: e.attributes }])),
    );
    return { accepted: exposures.length - rejected.length, rejected };
  }
}
