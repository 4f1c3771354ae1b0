#!/usr/bin/env node
// Writes oclif.manifest.json after `tsc`, so a command run imports only its own command file
// instead of every command (oclif builds its command list by importing all of them when no
// manifest exists). Same content as `oclif manifest`, without that tool's dependencies: the
// root plugin is loaded with the manifest ignored and its computed manifest is written out.
// The file is a build artifact (git-ignored); `npm run build` always regenerates it.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'oclif.manifest.json');
rmSync(target, { force: true });
const config = await Config.load({ root, ignoreManifest: true });
const plugin = config.plugins.get(config.pjson.name);
if (!plugin) throw new Error(`gen-manifest: root plugin ${config.pjson.name} not found`);
const manifest = plugin.manifest;
if (Object.keys(manifest.commands).length === 0) throw new Error('gen-manifest: no commands found (run tsc first)');
writeFileSync(target, JSON.stringify(manifest, null, 2) + '\n');
console.error(`oclif.manifest.json: ${Object.keys(manifest.commands).length} commands`);
