import * as fs from 'node:fs';
import * as path from 'node:path';

// The SDK ships to browsers: it and what it imports (bucketing, API types) may use only the
// global fetch/TextEncoder/timers, never a Node built-in or a Node-only global (so no
// node:crypto: unit ids are hashed with @noble/hashes). The OpenFeature providers ship with it
// and may name the OpenFeature packages in type-only imports (erased from the build).
const folders = ['sdk', 'bucketing', 'api', 'openfeature'].map((folder) => path.join(__dirname, '..', folder));
const sources = folders.flatMap((folder) =>
  fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => path.join(folder, file)),
);

describe('SDK browser safety', () => {
  it('finds the SDK sources', () => {
    expect(sources.map((file) => path.basename(file))).toEqual(
      expect.arrayContaining([
        'client.ts',
        'local-evaluator.ts',
        'transport.ts',
        'assign-variant.ts',
        'murmur3.ts',
        'unit-id-hash.ts',
        'verdict-provider.ts',
        'verdict-web-provider.ts',
      ]),
    );
  });

  it.each(sources.map((file) => [path.relative(path.join(__dirname, '..'), file), file]))(
    '%s imports only relative modules, murmurhash and @noble/hashes, and no Node globals',
    (_name, file) => {
      const text = fs.readFileSync(file, 'utf8');
      // Type-only imports leave nothing in the build: the OpenFeature packages may appear only there.
      const runtimeText = text.replace(/import type [^;]+ from\s+['"]@openfeature\/(?:core|server-sdk|web-sdk)['"];/g, '');
      const imports = [...runtimeText.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      // Both libraries are plain JavaScript that runs the same in browsers and in Node.
      const browserSafe = (specifier: string) =>
        specifier === 'murmurhash' || specifier.startsWith('@noble/hashes/') || specifier.startsWith('.');
      for (const specifier of imports) expect({ specifier, browserSafe: browserSafe(specifier) }).toEqual({ specifier, browserSafe: true });
      expect(text).not.toMatch(/\bprocess\.|\bBuffer\.|__dirname|\brequire\(['"]node:/);
    },
  );
});
