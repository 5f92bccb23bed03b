// `npm run demo`: migrates the database, boots Verdict in-process, loads a realistic data set
// through the public HTTP API (flow, cohorts, hypotheses, experiments, exposures backdated up to
// three weeks, step events from known effects and from before the assignment, in tranches with
// an analysis after each), prints what it made and exits.
// Re-running skips what exists; `npm run demo -- --fresh` loads a second copy under new keys.
import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The app imports @verdict/shared from shared/dist: build it when missing or older than its sources. */
function ensureSharedBuilt(): void {
  const built = path.join(ROOT, 'shared', 'dist', 'index.js');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newest(path.join(ROOT, 'shared', 'src'))) {
    console.log('building @verdict/shared …');
    execSync('npm run build -w shared', { cwd: ROOT, stdio: 'inherit' });
  }
}

async function main(): Promise<void> {
  ensureSharedBuilt();
  // Loaded after the build above, so that they see the fresh shared package.
  const { loadDemo } = await import('./demo-loader');
  await loadDemo({ fresh: process.argv.includes('--fresh') });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  },
);
