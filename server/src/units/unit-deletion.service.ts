import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { UnitDeletion } from '@verdict/shared';

// Both statements name the leading column of an index (experiments for the assignments'
// primary key, flows for the step_events index) so that PostgreSQL looks the unit up per
// experiment and per flow instead of scanning the tables. Every stored event's flow exists:
// ingestion refuses unknown flows and flows are never renamed or deleted.
const DELETE_ASSIGNMENTS = `
  WITH deleted AS (
    DELETE FROM assignments WHERE experiment_id IN (SELECT id FROM experiments) AND unit_id = $1 RETURNING source)
  SELECT count(*) FILTER (WHERE source <> 'sdk')::int AS assignments, count(*) FILTER (WHERE source = 'sdk')::int AS exposures
  FROM deleted`;
const DELETE_EVENTS = `
  WITH deleted AS (
    DELETE FROM step_events WHERE flow_key IN (SELECT key FROM flows) AND unit_id = $1 RETURNING 1)
  SELECT count(*)::int AS events FROM deleted`;
const DELETE_UNIT = `DELETE FROM units WHERE unit_id = $1`;

/** The id as it may appear in logs: its SHA-256, never the id itself. */
export function unitIdHash(unitId: string): string {
  return createHash('sha256').update(unitId, 'utf8').digest('hex');
}

/**
 * Forgets a unit (a customer's erasure request): its assignments, the exposures its SDK
 * reported (assignments of source `sdk`), its step events and its current attributes, in one transaction. Stored
 * analyses are aggregates and stay as they are.
 */
@Injectable()
export class UnitDeletionService {
  private readonly logger = new Logger(UnitDeletionService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async delete(unitId: string, actor: string): Promise<UnitDeletion> {
    const counts = await this.dataSource.transaction(async (manager) => {
      const [assignments] = await manager.query(DELETE_ASSIGNMENTS, [unitId]);
      const [events] = await manager.query(DELETE_EVENTS, [unitId]);
      await manager.query(DELETE_UNIT, [unitId]);
      return { assignments: assignments.assignments, exposures: assignments.exposures, events: events.events };
    });
    this.logger.log(
      `unit sha256:${unitIdHash(unitId)} deleted by ${actor}: ${counts.assignments} assignments, ${counts.exposures} exposures, ${counts.events} events`,
    );
    return counts;
  }
}
