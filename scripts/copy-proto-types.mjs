#!/usr/bin/env node
// Copies the generated declarations of src/proto (raftctl.d.ts, written by `npm run gen:proto`)
// next to the compiled raftctl.js in dist/, after `tsc -p tsconfig.lib.json` emitted the
// package's declarations: the message types of the public API (dist/src/transport/messages.d.ts)
// import them from '../proto/raftctl.js', and tsc never copies an input .d.ts to its outDir.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'src/proto/raftctl.d.ts');
const to = join(root, 'dist/src/proto/raftctl.d.ts');
mkdirSync(dirname(to), { recursive: true });
copyFileSync(from, to);
