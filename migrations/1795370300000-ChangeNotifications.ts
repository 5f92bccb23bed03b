import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every write to a table that the API caches on its hot paths announces itself with
 * `pg_notify('verdict_changes', '{"table": …, "key": …}')` from a trigger, so inside the writing
 * transaction: PostgreSQL delivers it to every listening instance only when (and if) the
 * transaction commits, and no write path (a service, the analysis runner, a demo load, an
 * operator's SQL) can forget to announce. The key is the one the caches use: an experiment's
 * or flow's `key`, a cohort's `key`, an API key's `key_hash`. An update announces the old and
 * the new key (one notification when they are equal: PostgreSQL folds identical ones).
 * See docs/scaling.md.
 */
export class ChangeNotifications1795370300000 implements MigrationInterface {
  name = 'ChangeNotifications1795370300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "verdict_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM pg_notify('verdict_changes', json_build_object('table', TG_TABLE_NAME, 'key', to_jsonb(OLD) ->> TG_ARGV[0])::text);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          PERFORM pg_notify('verdict_changes', json_build_object('table', TG_TABLE_NAME, 'key', to_jsonb(NEW) ->> TG_ARGV[0])::text);
        END IF;
        RETURN NULL;
      END
      $$`);
    for (const table of ['experiments', 'cohorts', 'flows']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_notify_change" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "verdict_notify_change"('key')`,
      );
    }
    // Not on the `last_used_at` writes that every used key gets once a minute.
    await queryRunner.query(
      `CREATE TRIGGER "api_keys_notify_insert_delete" AFTER INSERT OR DELETE ON "api_keys" FOR EACH ROW EXECUTE FUNCTION "verdict_notify_change"('key_hash')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "api_keys_notify_update" AFTER UPDATE ON "api_keys" FOR EACH ROW
       WHEN ((OLD.key_hash, OLD.scope, OLD.name, OLD.revoked_at) IS DISTINCT FROM (NEW.key_hash, NEW.scope, NEW.name, NEW.revoked_at))
       EXECUTE FUNCTION "verdict_notify_change"('key_hash')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "api_keys_notify_update" ON "api_keys"`);
    await queryRunner.query(`DROP TRIGGER "api_keys_notify_insert_delete" ON "api_keys"`);
    for (const table of ['flows', 'cohorts', 'experiments']) {
      await queryRunner.query(`DROP TRIGGER "${table}_notify_change" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "verdict_notify_change"()`);
  }
}
