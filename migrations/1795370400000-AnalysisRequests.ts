import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-off analysis runs (run now, the final run of a stop) as requested, kept in PostgreSQL
 * beside their BullMQ job: a Redis that comes back empty gets back every request that has no
 * succeeded analysis yet, under its own job id (so a run is never duplicated). Written and read
 * with plain SQL by `server/src/jobs/analysis-queue.service.ts`; see docs/analysis.md.
 */
export class AnalysisRequests1795370400000 implements MigrationInterface {
  name = 'AnalysisRequests1795370400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "analysis_requests" ("job_id" character varying(200) NOT NULL, "experiment_id" uuid NOT NULL, "trigger" character varying(16) NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_analysis_requests" PRIMARY KEY ("job_id"), CONSTRAINT "FK_analysis_requests_experiment" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "analysis_requests"`);
  }
}
