#!/usr/bin/env node
import { main } from '../build/cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
// Let pending output drain before leaving.
process.exitCode = code;
