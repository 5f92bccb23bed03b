import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks: subscriptions, the outbox of events (written in the transaction of the change that
 * caused each one; the partial index finds those not yet put on the queue) and the delivery
 * log. Generated from the entities in `server/src/webhooks/`, then reviewed. API key scopes
 * need no change here: `api_keys.scope` is a plain varchar(8) and `editor`/`viewer` fit.
 */
export class Webhooks1795370500000 implements MigrationInterface {
  name = 'Webhooks1795370500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_events" ("id" uuid NOT NULL, "type" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_events_pending" ON "webhook_events" ("created_at") WHERE enqueued_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "url" text NOT NULL, "events" text array NOT NULL, "secret" text NOT NULL, "format" character varying(8) NOT NULL DEFAULT 'json', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "subscription_id" uuid NOT NULL, "event_id" uuid NOT NULL, "type" character varying(64) NOT NULL, "attempt" integer NOT NULL, "status_code" integer, "duration_ms" integer NOT NULL, "error" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_subscription_at" ON "webhook_deliveries" ("subscription_id", "at")`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_webhook_deliveries_subscription_at"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_webhook_events_pending"`);
    await queryRunner.query(`DROP TABLE "webhook_events"`);
  }
}
