import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CUPED on experiments: the method and lookback, the variance reduction expected when the plan
 * was made and the plan without it. Experiments that exist already keep analysing without CUPED
 * (their plan was made without it, and a running design must not change); new ones default to
 * CUPED with a 14-day lookback. See docs/statistics.md.
 */
export class VarianceReduction1796170000000 implements MigrationInterface {
  name = 'VarianceReduction1796170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "experiments" ADD "variance_reduction_method" character varying(16) NOT NULL DEFAULT 'none'`);
    await queryRunner.query(`ALTER TABLE "experiments" ALTER COLUMN "variance_reduction_method" SET DEFAULT 'cuped'`);
    await queryRunner.query(`ALTER TABLE "experiments" ADD "lookback_days" integer NOT NULL DEFAULT '14'`);
    await queryRunner.query(`ALTER TABLE "experiments" ADD "expected_variance_reduction" double precision NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "experiments" ADD "planned_sample_size_without" integer`);
    await queryRunner.query(`UPDATE "experiments" SET "planned_sample_size_without" = "planned_sample_size"`);
    await queryRunner.query(`ALTER TABLE "experiments" ALTER COLUMN "planned_sample_size_without" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "experiments" DROP COLUMN "planned_sample_size_without"`);
    await queryRunner.query(`ALTER TABLE "experiments" DROP COLUMN "expected_variance_reduction"`);
    await queryRunner.query(`ALTER TABLE "experiments" DROP COLUMN "lookback_days"`);
    await queryRunner.query(`ALTER TABLE "experiments" DROP COLUMN "variance_reduction_method"`);
  }
}
