import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignments (one durable row per experiment and unit: the primary key is what makes
 * concurrent first calls agree) and step events (deduplicated by the client's id, globally).
 * The covering index serves the analysis' per-flow, per-unit, per-step scans.
 */
export class AssignmentsEvents1795370100000 implements MigrationInterface {
  name = 'AssignmentsEvents1795370100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "assignments" ("experiment_id" uuid NOT NULL, "unit_id" text NOT NULL, "variant_key" text NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attributes" jsonb NOT NULL DEFAULT '{}', "forced" boolean NOT NULL DEFAULT false, "source" text NOT NULL DEFAULT 'server', CONSTRAINT "PK_5308927af93d6229fdd3492b711" PRIMARY KEY ("experiment_id", "unit_id"))`);
    await queryRunner.query(`ALTER TABLE "assignments" ADD CONSTRAINT "FK_1d8106c3f2acc909cb6ffb8f11d" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE TABLE "step_events" ("id" text NOT NULL, "unit_id" text NOT NULL, "flow_key" text NOT NULL, "step_key" text NOT NULL, "outcome" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "properties" jsonb, CONSTRAINT "CHK_step_events_outcome" CHECK ("outcome" IN ('aligned', 'deviated')), CONSTRAINT "PK_55c708474cf1e6cfb8ab565f2c9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_step_events_flow_unit_step_occurred" ON "step_events" ("flow_key", "unit_id", "step_key", "occurred_at") INCLUDE ("outcome")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_step_events_flow_unit_step_occurred"`);
    await queryRunner.query(`DROP TABLE "step_events"`);
    await queryRunner.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_1d8106c3f2acc909cb6ffb8f11d"`);
    await queryRunner.query(`DROP TABLE "assignments"`);
  }
}
