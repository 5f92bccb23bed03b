import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The domain's first tables: flows, cohorts, hypotheses (+ versions, status history),
 * experiments, API keys and settings. Generated from the entities, then reviewed.
 */
export class Foundation1795370000000 implements MigrationInterface {
  name = 'Foundation1795370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" character varying(200) NOT NULL, "scope" character varying(8) NOT NULL, "key_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_57384430aa1959f4578046c9b81" UNIQUE ("key_hash"), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "settings" ("name" character varying(100) NOT NULL, "value" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca7857276d2a30f4dcfa0e42cd4" PRIMARY KEY ("name"))`);
    await queryRunner.query(`CREATE TABLE "cohorts" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "key" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "rules" jsonb NOT NULL DEFAULT '[]', "members" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_299d05bd376cf62b2763aeb4224" UNIQUE ("key"), CONSTRAINT "PK_fd38f76b135e907b834fda1e752" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "flows" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "key" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "description" text, "steps" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_22cef874e72b5a6723caf0c109a" UNIQUE ("key"), CONSTRAINT "PK_c346955f4318ef565e6928462fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "hypotheses" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "title" character varying(200) NOT NULL, "metric_area" character varying(32) NOT NULL, "flow_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "status" character varying(16) NOT NULL DEFAULT 'draft', "statement" text NOT NULL, "primary_step_key" character varying(100) NOT NULL, "expected_direction" character varying(8) NOT NULL, "minimum_effect" double precision NOT NULL, "cohort_key" character varying(100), "guardrail_step_keys" jsonb NOT NULL DEFAULT '[]', "impact" smallint NOT NULL, "confidence" smallint NOT NULL, "ease" smallint NOT NULL, "owner" character varying(200) NOT NULL DEFAULT '', "evidence" jsonb NOT NULL DEFAULT '[]', "computed_verdict" jsonb, "manual_verdict" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0f855b385e23533e6b7bcc1ab15" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_hypotheses_flow_id" ON "hypotheses"("flow_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_hypotheses_status" ON "hypotheses"("status")`);
    await queryRunner.query(`CREATE TABLE "experiments" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "key" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "hypothesis_id" uuid NOT NULL, "hypothesis_version" integer NOT NULL, "flow_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "variants" jsonb NOT NULL, "coverage" double precision NOT NULL DEFAULT '1', "seed" character varying(200) NOT NULL, "target_cohort_keys" jsonb NOT NULL DEFAULT '[]', "alpha" double precision NOT NULL DEFAULT '0.05', "power" double precision NOT NULL DEFAULT '0.8', "method" character varying(16) NOT NULL DEFAULT 'sequential', "baseline_rate" double precision NOT NULL, "planned_sample_size" integer NOT NULL, "analysis_interval_minutes" integer NOT NULL DEFAULT '60', "forced_variants" jsonb NOT NULL DEFAULT '{}', "started_at" TIMESTAMP WITH TIME ZONE, "stopped_at" TIMESTAMP WITH TIME ZONE, "stopped_by" character varying(200), "stop_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_01bf6d8c44927363c7ed5673fe0" UNIQUE ("key"), CONSTRAINT "PK_aafe1321d916fac58ba06ad8178" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_experiments_hypothesis_id" ON "experiments"("hypothesis_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_experiments_status" ON "experiments"("status")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_experiments_one_active_per_hypothesis" ON "experiments"("hypothesis_id") WHERE "status" IN ('running', 'paused')`);
    await queryRunner.query(`CREATE TABLE "hypothesis_status_changes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "hypothesis_id" uuid NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "version" integer NOT NULL, "source" character varying(16) NOT NULL, "actor" character varying(200) NOT NULL, "reason" text NOT NULL, "analysis_id" uuid, "experiment_key" character varying(100), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f4f95bbdc2406160ad4268d3d7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_hypothesis_status_changes_hypothesis_at" ON "hypothesis_status_changes"("hypothesis_id", "at")`);
    await queryRunner.query(`CREATE TABLE "hypothesis_versions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "hypothesis_id" uuid NOT NULL, "version" integer NOT NULL, "statement" text NOT NULL, "primary_step_key" character varying(100) NOT NULL, "expected_direction" character varying(8) NOT NULL, "minimum_effect" double precision NOT NULL, "cohort_key" character varying(100), "guardrail_step_keys" jsonb NOT NULL DEFAULT '[]', "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9c00891cf63df03130675d31a82" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_hypothesis_versions_hypothesis_version" ON "hypothesis_versions"("hypothesis_id", "version")`);
    await queryRunner.query(`ALTER TABLE "hypotheses" ADD CONSTRAINT "FK_2ba565cbc33ded82b82fe98a3bd" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiments" ADD CONSTRAINT "FK_0ee2a35f4f01b77046133fadd3a" FOREIGN KEY ("hypothesis_id") REFERENCES "hypotheses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "experiments" ADD CONSTRAINT "FK_fc3a446ae1214c6b09224158e94" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hypothesis_status_changes" ADD CONSTRAINT "FK_9bdf6416e261e291bfe4da72b13" FOREIGN KEY ("hypothesis_id") REFERENCES "hypotheses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hypothesis_versions" ADD CONSTRAINT "FK_c2fa05b9decf0152cc6a1e77fc9" FOREIGN KEY ("hypothesis_id") REFERENCES "hypotheses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "hypothesis_versions" DROP CONSTRAINT "FK_c2fa05b9decf0152cc6a1e77fc9"`);
    await queryRunner.query(`ALTER TABLE "hypothesis_status_changes" DROP CONSTRAINT "FK_9bdf6416e261e291bfe4da72b13"`);
    await queryRunner.query(`ALTER TABLE "experiments" DROP CONSTRAINT "FK_fc3a446ae1214c6b09224158e94"`);
    await queryRunner.query(`ALTER TABLE "experiments" DROP CONSTRAINT "FK_0ee2a35f4f01b77046133fadd3a"`);
    await queryRunner.query(`ALTER TABLE "hypotheses" DROP CONSTRAINT "FK_2ba565cbc33ded82b82fe98a3bd"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_hypothesis_versions_hypothesis_version"`);
    await queryRunner.query(`DROP TABLE "hypothesis_versions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hypothesis_status_changes_hypothesis_at"`);
    await queryRunner.query(`DROP TABLE "hypothesis_status_changes"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_experiments_one_active_per_hypothesis"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_experiments_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_experiments_hypothesis_id"`);
    await queryRunner.query(`DROP TABLE "experiments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hypotheses_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hypotheses_flow_id"`);
    await queryRunner.query(`DROP TABLE "hypotheses"`);
    await queryRunner.query(`DROP TABLE "flows"`);
    await queryRunner.query(`DROP TABLE "cohorts"`);
    await queryRunner.query(`DROP TABLE "settings"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
