/**
 * Worker threads: `--workers 1` (in-process) and several workers report the
 * same, with and without the cache, and after edits that a worker reads
 * taking the unchanged entries from the cache. Workers run the built
 * JavaScript, so this runs bin/qingdan.js as a child process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENTS, LAWS, writeTree } from '../helpers/tree.js';
// @ts-expect-error: a plain script, shared with the benchmark
import { generateTree } from '../bench/generate.mjs';

const repo = new URL('../../', import.meta.url).pathname;
const bin = join(repo, 'bin/qingdan.js');

beforeAll(() => {
  if (!existsSync(join(repo, 'build/compile/worker.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: repo });
});

function run(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
}

describe('worker threads', () => {
  it('report the same as one thread, with and without the cache', () => {
    const root = writeTree({
      'lists/departments.yaml': DEPARTMENTS,
      'lists/laws.yaml': LAWS,
      'lists/broken.yaml': 'kind: laws\nentries:\n  - id: a\n    title: 某法\n      level: 法律\n',
    });
    // Enough files that each worker gets several, one with a YAML syntax error among them.
    generateTree({ entries: 1500, perFile: 60, out: join(root, 'generated'), seed: 5 });
    for (const command of ['validate', 'check']) {
      const one = run(root, command, '.', '--format', 'json', '--no-cache', '--workers', '1');
      expect(one.stderr).toBe('');
      expect(one.status).toBe(1);
      expect(JSON.parse(one.stdout).diagnostics.length).toBeGreaterThan(10);
      for (const workers of ['2', '3']) {
        const several = run(root, command, '.', '--format', 'json', '--no-cache', '--workers', workers);
        expect(several.stderr).toBe('');
        expect(several.stdout).toBe(one.stdout);
      }
      rmSync(join(root, '.qingdan-cache'), { recursive: true, force: true });
      const cold = run(root, command, '.', '--format', 'json', '--workers', '2');
      const warm = run(root, command, '.', '--format', 'json', '--workers', '2');
      expect(cold.stdout).toBe(one.stdout);
      expect(warm.stdout).toBe(one.stdout);
    }
    // Most files edited (as after a checkout): the workers take the unchanged entries from the cache.
    const generated = join(root, 'generated');
    for (const name of readdirSync(generated, { recursive: true }) as string[]) {
      if (!/(inspections|items)-\d+\.yaml$/.test(name)) continue;
      const path = join(generated, name);
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(/^entries:\n/m, 'entries:\n  # 改过\n').replace(/^( {4}name: .*)$/m, '$1（改）').replace(/^( {4}name: .*)$/m, '$1\n    remark: 多出的字段'));
    }
    for (const command of ['validate', 'check']) {
      const expected = run(root, command, '.', '--format', 'json', '--no-cache', '--workers', '1');
      expect(JSON.parse(expected.stdout).diagnostics.some((d: { messageId: string }) => d.messageId === 'unknown-field')).toBe(true);
      expect(run(root, command, '.', '--format', 'json', '--workers', '2').stdout).toBe(expected.stdout);
    }
  }, 180_000);
});
