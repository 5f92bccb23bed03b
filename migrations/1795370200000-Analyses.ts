import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analysis history: one row per analysis job (unique job id: a retried run never leaves a
 * second row), its results and sequential state as jsonb, failed runs with their error.
 * Generated from `analysis.entity.ts`, then reviewed. The step-metrics aggregation needs no
 * index beyond the assignments primary key (experiment_id, unit_id) and the step_events index
 * (flow_key, unit_id, step_key, occurred_at) INCLUDE (outcome); see docs/analysis.md.
 */
export class Analyses1795370200000 implements MigrationInterface {
  name = 'Analyses1795370200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "analyses" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "experiment_id" uuid NOT NULL, "job_id" character varying(200) NOT NULL, "trigger" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "error" text, "attempts" integer NOT NULL DEFAULT '1', "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "verdict_status" character varying(16), "verdict_final" boolean NOT NULL DEFAULT false, "post_decision" boolean NOT NULL DEFAULT false, "results" jsonb, "sequential_state" jsonb, CONSTRAINT "UQ_7875bb5b488dbfe8be33eff2eb5" UNIQUE ("job_id"), CONSTRAINT "PK_91421900ca225ed9865d016a940" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_analyses_experiment_ran_at" ON "analyses" ("experiment_id", "ran_at")`);
    await queryRunner.query(`ALTER TABLE "analyses" ADD CONSTRAINT "FK_f08136ec2126c3aafcab57e42fd" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "analyses" DROP CONSTRAINT "FK_f08136ec2126c3aafcab57e42fd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_analyses_experiment_ran_at"`);
    await queryRunner.query(`DROP TABLE "analyses"`);
  }
}
