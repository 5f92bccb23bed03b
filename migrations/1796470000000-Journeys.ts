import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Journeys: units with their current attributes (latest wins), the expectations each cohort's
 * journey is held to, every health check's measurements and the escalations they opened (at
 * most one open per flow, cohort and step). See docs/api.md, "Units" and "Journeys".
 */
export class Journeys1796470000000 implements MigrationInterface {
  name = 'Journeys1796470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "units" ("unit_id" text NOT NULL, "attributes" jsonb NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5cef2f225de998fb92c007f0cae" PRIMARY KEY ("unit_id"))`);
    await queryRunner.query(`CREATE TABLE "journey_expectations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "flow_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "step_key" text NOT NULL, "expected_rate" double precision NOT NULL, "window_days" integer NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_4fa680855873cda5aed5c456cc7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_journey_expectations_flow_cohort_step" ON "journey_expectations" ("flow_id", "cohort_id", "step_key")`);
    await queryRunner.query(`CREATE TABLE "journey_health_checks" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "flow_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "step_key" text NOT NULL, "expected_rate" double precision NOT NULL, "window_days" integer NOT NULL, "units" integer NOT NULL, "reached" integer NOT NULL, "observed_rate" double precision, "p_value" double precision, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5149ebcff5b525990a8ebda1e0d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_journey_health_checks_flow_checked" ON "journey_health_checks" ("flow_id", "checked_at")`);
    await queryRunner.query(`CREATE TABLE "journey_escalations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "flow_id" uuid NOT NULL, "cohort_id" uuid NOT NULL, "step_key" text NOT NULL, "status" character varying(16) NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b6b75eea45de7721b24bbb436da" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_journey_escalations_one_open" ON "journey_escalations" ("flow_id", "cohort_id", "step_key") WHERE "status" = 'open'`);
    await queryRunner.query(`ALTER TABLE "journey_expectations" ADD CONSTRAINT "FK_17431056482abdc0dd6b7c84e31" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journey_expectations" ADD CONSTRAINT "FK_dd8a44e8d97aedd305197fcb463" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journey_health_checks" ADD CONSTRAINT "FK_c0112370f14651bf801bae1dcf1" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journey_health_checks" ADD CONSTRAINT "FK_84e8db37644dc9efd40e927596a" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journey_escalations" ADD CONSTRAINT "FK_b84e045e32326e308595f0b2648" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "journey_escalations" ADD CONSTRAINT "FK_779076fb4fc793fee886d84b70e" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "journey_escalations"`);
    await queryRunner.query(`DROP TABLE "journey_health_checks"`);
    await queryRunner.query(`DROP TABLE "journey_expectations"`);
    await queryRunner.query(`DROP TABLE "units"`);
  }
}
