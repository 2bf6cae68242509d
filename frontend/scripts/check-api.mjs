// Fails when src/api/schema.d.ts no longer matches ../openapi/openapi.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, '../openapi/openapi.json');
const committed = resolve(root, 'src/api/schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'mitra-api-'));
const fresh = join(dir, 'schema.d.ts');

try {
  const bin = resolve(root, 'node_modules/openapi-typescript/bin/cli.js');
  execFileSync(process.execPath, [bin, spec, '-o', fresh], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  let current = '';
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== readFileSync(fresh, 'utf8')) {
    console.error('src/api/schema.d.ts is stale: run npm run gen:api');
    process.exitCode = 1;
  } else {
    console.log('src/api/schema.d.ts is up to date with openapi/openapi.json');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
