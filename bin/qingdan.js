#!/usr/bin/env node
// The CLI as `npm run build` bundles it (src/cli/bundle.ts), for a faster start;
// the modules tsc wrote when the bundle is older than they are (tsc run alone).
import { statSync } from 'node:fs';

const at = (path) => new URL(path, import.meta.url);
const modified = (path) => {
  try {
    return statSync(at(path)).mtimeMs;
  } catch {
    return undefined;
  }
};
const bundled = modified('../build/bundle/main.js');
const built = modified('../build/cli/main.js');
const { main } = await import(bundled !== undefined && (built === undefined || bundled >= built) ? '../build/bundle/main.js' : '../build/cli/main.js');

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
// Let pending output drain before leaving.
process.exitCode = code;
