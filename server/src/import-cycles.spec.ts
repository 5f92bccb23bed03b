import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// The server's folders depend on each other in one direction (see .dependency-cruiser.cjs).
// dependency-cruiser is ESM-only, so it runs as its own process, as it would in a terminal.
const root = path.join(__dirname, '..', '..');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

describe('the import graph of server/src', () => {
  it('has no cycle between folders, nor between files', () => {
    const output = execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
        'server/src',
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const { summary } = JSON.parse(output) as { summary: { violations: Violation[]; totalCruised: number } };
    const cycles = summary.violations.map(
      (v) => `${v.rule.name}: ${[v.from, ...(v.cycle ?? []).map((step) => step.name)].join(' → ')}`,
    );
    expect(cycles).toEqual([]);
    // A check that cruised nothing would pass for the wrong reason.
    expect(summary.totalCruised).toBeGreaterThan(50);
  });
});
