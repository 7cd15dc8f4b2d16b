// Serves a bundle on Cloudflare Pages' own runtime, locally: wrangler's `pages dev` runs
// workerd (the edge's runtime) with the bundle's `_headers` and `_redirects` applied as the
// edge applies them. No account is needed. It is kept off the network: its `request.cf`
// object comes from a cached file in its working folder (<dir>), and it sends no metrics.
//
// Usage: node tools/wrangler.mjs [--root dist] [--port 4326] [--dir target/cloudflare]

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    root: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4326' },
    dir: { type: 'string', default: 'target/cloudflare' },
  },
});
const root = resolve(args.root);
const dir = resolve(args.dir);
const wrangler = resolve('node_modules/.bin/wrangler');
if (!existsSync(join(root, 'index.html'))) {
  console.error(`tools/wrangler.mjs: no bundle in ${root} (run \`make dist\`)`);
  process.exit(1);
}

// Without this file wrangler fetches the `request.cf` object from Cloudflare on start.
mkdirSync(join(dir, 'node_modules', '.mf'), { recursive: true });
writeFileSync(join(dir, 'node_modules', '.mf', 'cf.json'), '{}');

const server = spawn(wrangler, ['pages', 'dev', root, '--port', args.port, '--ip', '127.0.0.1'], {
  cwd: dir,
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
