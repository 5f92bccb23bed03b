import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The examples docs/sdk.md shows are files under docs/examples, compiled by the type-checks and run
// by tests; this keeps the page and the files the same.

const ROOT = join(__dirname, '..', '..');

/** An example file from its first import on (its opening comment is for readers of the file). */
export function exampleCode(path: string): string {
  const text = readFileSync(join(ROOT, path), 'utf8');
  return text.slice(text.indexOf('import ')).trimEnd();
}

/** Whether docs/sdk.md shows the example, line for line. */
export function sdkGuideShows(path: string): boolean {
  return readFileSync(join(ROOT, 'docs', 'sdk.md'), 'utf8').includes(exampleCode(path));
}
