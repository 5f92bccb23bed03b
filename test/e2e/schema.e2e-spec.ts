import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../server/src/database/data-source';
import { TEST_DATABASE_URL } from '../support/test-env';

// The global setup built the test database from the migrations alone. If the entities say
// anything the migrations did not (a column, an index, a default), TypeORM's schema builder
// would emit up-queries here — exactly what `migration:generate` would put in a new migration.
describe('database schema', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(TEST_DATABASE_URL));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('has every migration applied', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('matches the entities (no migration would be generated)', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('has the foundation tables', async () => {
    const rows: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const tables = rows.map((row) => row.table_name);
    for (const table of [
      'flows',
      'cohorts',
      'hypotheses',
      'hypothesis_versions',
      'hypothesis_status_changes',
      'experiments',
      'api_keys',
      'settings',
    ]) {
      expect(tables).toContain(table);
    }
  });

  it('refuses two active experiments of one hypothesis at the database level too', async () => {
    const rows: { indexdef: string }[] = await dataSource.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'UQ_experiments_one_active_per_hypothesis'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].indexdef).toMatch(/UNIQUE INDEX .* \(hypothesis_id\) WHERE/);
  });

  // On a scratch database of its own: dropping tables under the other suites would break them.
  it('rolls every migration back and forward again', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `${url.pathname}_rollback`;
    const scratchName = url.pathname.slice(1);
    const admin = new DataSource({ ...dataSourceOptions(TEST_DATABASE_URL), entities: [], migrations: [] });
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${scratchName}"`);
    const scratch = new DataSource(dataSourceOptions(url.toString()));
    await scratch.initialize();
    try {
      const applied = await scratch.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);
      for (let i = 0; i < applied.length; i++) await scratch.undoLastMigration({ transaction: 'each' });
      const left: { table_name: string }[] = await scratch.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(left).toEqual([]);
      await scratch.runMigrations({ transaction: 'each' });
      const sql = await scratch.driver.createSchemaBuilder().log();
      expect(sql.upQueries).toEqual([]);
    } finally {
      await scratch.destroy();
      await admin.query(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
      await admin.destroy();
    }
  });
});
