/**
 * The CLI as bin/qingdan.js runs it: the bundle `npm run build` makes
 * (src/cli/bundle.ts), which must say and find what the modules tsc wrote
 * do; and the modules themselves when the bundle is older than they are.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/qingdan.js');
const scratch = mkdtempSync(join(tmpdir(), 'qingdan-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A module-loading hook that names on stderr every module of ours loaded in the main thread. */
const hook = join(scratch, 'hook.mjs');
writeFileSync(join(scratch, 'loads.mjs'), `export async function load(url, context, next) { if (url.includes('/build/')) process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }\n`);
writeFileSync(hook, `import { register } from 'node:module'; register(${JSON.stringify(new URL('loads.mjs', `file://${scratch}/`).href)});\n`);

function run(args: string[], entry = BIN, withHook = false) {
  const r = spawnSync(process.execPath, [...(withHook ? ['--import', hook] : []), entry, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, QINGDAN_LANG: '' } });
  return { code: r.status, stdout: r.stdout, loaded: r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice(7)) };
}

describe('bin/qingdan.js and the bundle', () => {
  it('is built by npm run build, after the modules', () => {
    const bundle = statSync(join(ROOT, 'build/bundle/main.js'), { throwIfNoEntry: false });
    expect(bundle, 'no bundle: run npm run build').toBeDefined();
    expect(bundle!.mtimeMs).toBeGreaterThanOrEqual(statSync(join(ROOT, 'build/cli/main.js')).mtimeMs);
  });

  it('loads the bundle, not the modules, and says the same as the modules', () => {
    const modules = join(scratch, 'modules.mjs');
    writeFileSync(
      modules,
      `import { main } from ${JSON.stringify(join(ROOT, 'build/cli/main.js'))};\nprocess.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });\n`,
    );
    const traced = run(['check', 'lists', '--no-cache'], BIN, true);
    expect(traced.loaded.some((url) => url.endsWith('/build/bundle/main.js'))).toBe(true);
    expect(traced.loaded.filter((url) => !url.includes('/build/bundle/'))).toEqual([]);
    for (const args of [
      ['check', 'lists', '--no-cache'],
      ['check', 'lists', '--no-cache', '--format', 'json'],
      ['--lang', 'en', 'validate', 'lists'],
      ['rules'],
      ['--version'],
    ]) {
      const bundled = run(args);
      const unbundled = run(args, modules);
      expect(bundled.code, args.join(' ')).toBe(unbundled.code);
      expect(bundled.stdout.length).toBeGreaterThan(0);
      expect(bundled.stdout, args.join(' ')).toBe(unbundled.stdout);
    }
    // The lists of the district are clean: the run found its package.json, kinds and rules.
    expect(traced.code).toBe(0);
  });

  it('runs the modules tsc wrote when the bundle is older than they are (tsc run alone)', () => {
    // bin/qingdan.js in a tree of its own, with stand-ins that say which was loaded.
    const tree = join(scratch, 'tree');
    mkdirSync(join(tree, 'bin'), { recursive: true });
    mkdirSync(join(tree, 'build/cli'), { recursive: true });
    mkdirSync(join(tree, 'build/bundle'), { recursive: true });
    copyFileSync(BIN, join(tree, 'bin/qingdan.js'));
    const standIn = (name: string) => `export async function main(_args, io) { io.stdout.write(${JSON.stringify(name)}); return 0; }\n`;
    writeFileSync(join(tree, 'build/cli/main.js'), standIn('modules'));
    writeFileSync(join(tree, 'build/bundle/main.js'), standIn('bundle'));
    const at = (path: string, seconds: number) => utimesSync(join(tree, path), seconds, seconds);
    const which = () => run([], join(tree, 'bin/qingdan.js')).stdout;

    at('build/cli/main.js', 1_000_000);
    at('build/bundle/main.js', 1_000_010);
    expect(which()).toBe('bundle');
    at('build/cli/main.js', 1_000_020);
    expect(which()).toBe('modules');
    rmSync(join(tree, 'build/bundle'), { recursive: true });
    expect(which()).toBe('modules');
  });
});
