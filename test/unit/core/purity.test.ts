/**
 * src/core stays pure (ARCHITECTURE.md "Layout"): it imports only its own modules and never
 * touches IO, timers, the clock, Math's random source or the process object.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const coreDir = join(here, '..', '..', '..', '..', 'src', 'core');

test('src/core imports only ./ modules and uses no IO, timers, clock, global randomness or process', () => {
  const files = readdirSync(coreDir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 10, `found the core sources in ${coreDir}`);
  const forbidden = [/setTimeout/, /setInterval/, /Date\.now/, /Math\.random/, /\bprocess\./, /\brequire\(/, /\bimport\(/];
  const problems: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(coreDir, f), 'utf8');
    for (const m of text.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      if (!m[1]!.startsWith('./')) problems.push(`${f} imports ${m[1]}`);
    }
    for (const re of forbidden) if (re.test(text)) problems.push(`${f} uses ${re.source}`);
  }
  assert.deepEqual(problems, []);
});
