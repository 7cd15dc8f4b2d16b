// Trunk `post_build` hook, before the prerenderer: minifies the wasm-bindgen glue in
// Trunk's staging dir in place, and gives the shell index.html the new file's integrity
// (the prerenderer hands the shell's integrity to every page's loader).
//
// After Trunk rather than with Trunk's own `minify`, which in 0.21 also rewrites the shell
// the prerenderer parses. esbuild: the minifier of a maintained, widely used bundler; a
// single binary from npm (pinned in package-lock.json), with no other dependency; it
// renames locals, never properties, so the names the wasm imports keep working.
//
// The file keeps Trunk's content-hashed name: the name changes whenever Trunk's output
// does, and the minified file is a function of that output (the same esbuild, the same
// options), so one name still means one content, and `immutable` caching stays right.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('TRUNK_STAGING_DIR is not set (run me from `trunk build`)');

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

// The glue is the `.js` beside the wasm Trunk built: `<name>-<hash>.js` and `<name>-<hash>_bg.wasm`.
const names = readdirSync(staging);
const glues = names.filter((n) => n.endsWith('.js') && names.includes(n.replace(/\.js$/, '_bg.wasm')));
if (glues.length !== 1) throw new Error(`expected one wasm-bindgen glue in ${staging}, found ${glues.length}: ${glues.join(', ')}`);
const glue = join(staging, glues[0]);
const shellPath = join(staging, 'index.html');

const source = readFileSync(glue);
const shell = readFileSync(shellPath, 'utf8');
const before = `integrity="${sri(source)}"`;
if (shell.split(before).length !== 2) throw new Error(`the shell must name ${glues[0]} once with its integrity (${before})`);

// An ES module (top-level names may be renamed); no syntax lowering: the glue is what
// wasm-bindgen wrote for the browsers it supports.
const { code } = transformSync(source.toString('utf8'), { loader: 'js', format: 'esm', minify: true, legalComments: 'none', logLevel: 'warning' });
writeFileSync(glue, code);
writeFileSync(shellPath, shell.replace(before, `integrity="${sri(code)}"`));
console.error(`minify-glue: ${glues[0]} ${source.length} → ${Buffer.byteLength(code)} bytes`);
