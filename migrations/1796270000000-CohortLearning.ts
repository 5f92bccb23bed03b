import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cohort learning: the breakdown stored with each analysis, the cohort expectations of a
 * hypothesis version (and of its current version on the hypothesis), and the history of the
 * expectations' statuses. See docs/analysis.md.
 */
export class CohortLearning1796270000000 implements MigrationInterface {
  name = 'CohortLearning1796270000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "analyses" ADD "breakdown" jsonb`);
    await queryRunner.query(`ALTER TABLE "hypotheses" ADD "cohort_expectations" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "hypothesis_versions" ADD "cohort_expectations" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `CREATE TABLE "hypothesis_expectation_changes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "hypothesis_id" uuid NOT NULL, "version" integer NOT NULL, "cohort_key" character varying(100) NOT NULL, "step_key" character varying(100) NOT NULL, "direction" character varying(8) NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "reason" text NOT NULL, "analysis_id" uuid NOT NULL, "experiment_key" character varying(100) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_10d70714f9bc157049091cb0e33" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_hypothesis_expectation_changes_hypothesis_at" ON "hypothesis_expectation_changes" ("hypothesis_id", "at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "hypothesis_expectation_changes" ADD CONSTRAINT "FK_96deb46ba9c1802142da6105561" FOREIGN KEY ("hypothesis_id") REFERENCES "hypotheses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "hypothesis_expectation_changes" DROP CONSTRAINT "FK_96deb46ba9c1802142da6105561"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_hypothesis_expectation_changes_hypothesis_at"`);
    await queryRunner.query(`DROP TABLE "hypothesis_expectation_changes"`);
    await queryRunner.query(`ALTER TABLE "hypothesis_versions" DROP COLUMN "cohort_expectations"`);
    await queryRunner.query(`ALTER TABLE "hypotheses" DROP COLUMN "cohort_expectations"`);
    await queryRunner.query(`ALTER TABLE "analyses" DROP COLUMN "breakdown"`);
  }
}
