/**
 * The site's writer thread runs only from build/ (not from the TypeScript
 * sources these tests run): the built emitter, run as a child process, writes
 * files and the search index in its thread, the same site as the sources,
 * where everything is done in the main thread.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogOf } from '../helpers/tree.js';
import { emitCatalog, siteTree, snapshot, tempDir } from './helpers.js';

const repo = new URL('../../', import.meta.url).pathname;

beforeAll(() => {
  if (!existsSync(join(repo, 'build/emit/site/writer.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: repo });
});

const CHILD = `
const [root, out] = process.argv.slice(1);
const { compile } = await import(${JSON.stringify(join(repo, 'build/pipeline.js'))});
const { emitSite } = await import(${JSON.stringify(join(repo, 'build/emit/site/index.js'))});
const { SiteWriter } = await import(${JSON.stringify(join(repo, 'build/emit/site/writer.js'))});
const probe = new SiteWriter(out);
const inWorker = probe.threaded;
await probe.finishSearch();
await probe.finish();
const catalog = compile({ paths: ['.'], cwd: root });
await emitSite({ catalog, outDir: out, draft: false, diagnostics: [], timestamp: new Date(catalog.date + 'T00:00:00Z'), options: {}, progress() {} });
process.stdout.write(JSON.stringify({ inWorker }));
`;

describe('site: the search index made in the writer thread', () => {
  it('is the same as made in the main thread', async () => {
    const files = siteTree();
    // Enough entries for several chunk files of the items index.
    const many = Array.from(
      { length: 3000 },
      (_, i) =>
        `  - { code: SCJG-SX-${String(i % 1000).padStart(3, '0')}, main_name: 主项${i % 7}, name: '对第${i}类<经营者>的“监督检查”${'，内容较长'.repeat(20)}', action: 行政检查, basis: 《中华人民共和国食品安全法》第一百一十条, level: 区级, department: market }`,
    );
    files['market/items.yaml'] = `kind: items\nentries:\n${many.join('\n')}\n`;
    const root = tempDir('qingdan-worker-tree-');
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const out = tempDir('qingdan-worker-out-');
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, root, out], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ inWorker: true });

    const here = await emitCatalog(catalogOf(files), { diagnostics: [] });
    const a = snapshot(here.siteDir);
    const b = snapshot(join(out, 'site'));
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect([...a.keys()].filter((p) => p.startsWith('assets/search/items-')).length).toBeGreaterThan(1);
    for (const [path, bytes] of a) expect(b.get(path)!.equals(bytes), path).toBe(true);
  }, 120_000);
});
