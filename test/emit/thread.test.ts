/**
 * The workbooks are written by a worker thread only from build/ (not from the
 * TypeScript sources these tests run): the built emitters, run in a child
 * process, give the same files as the sources, where everything is done in
 * this thread, and the manifest's sizes and digests, taken as the files were
 * written, are those of the files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, type Manifest } from '../../src/emit/manifest.js';
import { buildFixture, fixtureTree } from './fixtures.js';

const repo = new URL('../../', import.meta.url).pathname;

beforeAll(() => {
  if (!existsSync(join(repo, 'build/emit/xlsx/thread-worker.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: repo });
});

/** buildFixture's build, from build/, with the department shares and sheets of two rows. */
const CHILD = `
const [root] = process.argv.slice(1);
const load = (path) => import(${JSON.stringify(join(repo, 'build'))} + path);
const { compile } = await load('/pipeline.js');
const { checkCatalog } = await load('/check/index.js');
const { build, buildTimestamp } = await load('/emit/build.js');
const { openDataEmitter } = await load('/emit/opendata.js');
const { workbookEmitter } = await load('/emit/xlsx/index.js');
const { WorkbookThread } = await load('/emit/xlsx/thread.js');
const probe = WorkbookThread.start();
const threaded = probe !== undefined;
await probe?.close();
const catalog = compile({ paths: ['lists'], cwd: root });
const diagnostics = [...catalog.diagnostics, ...checkCatalog(catalog)];
await build(catalog, {
  out: 'dist-threaded',
  draft: false,
  diagnostics,
  timestamp: buildTimestamp(catalog.config, {}),
  sources: ['lists'],
  sourceDir: root + '/lists',
  version: '0.0.0-test',
  options: { by: 'department', sheetRows: 2 },
  emitters: [workbookEmitter, openDataEmitter],
});
process.stdout.write(JSON.stringify({ threaded }));
`;

/** A build from build/ whose next emitter fails while the worker is still writing. */
const FAILING_CHILD = `
const [root] = process.argv.slice(1);
const load = (path) => import(${JSON.stringify(join(repo, 'build'))} + path);
const { compile } = await load('/pipeline.js');
const { build, buildTimestamp } = await load('/emit/build.js');
const { workbookEmitter } = await load('/emit/xlsx/index.js');
const catalog = compile({ paths: ['lists'], cwd: root });
const failing = { name: 'failing', async emit() { throw new Error('disk full (simulated)'); } };
const error = await build(catalog, {
  out: 'dist',
  draft: false,
  diagnostics: [],
  timestamp: buildTimestamp(catalog.config, {}),
  sources: ['lists'],
  sourceDir: root + '/lists',
  version: '0.0.0-test',
  options: { by: 'department', sheetRows: 1 },
  emitters: [workbookEmitter, failing],
}).catch((e) => e);
process.stdout.write(JSON.stringify({ messageId: error.messageId, detail: error.data?.detail }));
`;

describe('workbooks written by a worker thread', () => {
  it('are the same as written in this thread, and the manifest gives their sizes and digests', async () => {
    const root = fixtureTree();
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, root], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ threaded: true });

    const here = await buildFixture(root, { out: 'dist-here', by: 'department', sheetRows: 2 });
    const threaded = join(root, 'dist-threaded');
    const files = listFiles(here.outDir).sort();
    expect(listFiles(threaded).sort()).toEqual(files);
    expect(files.filter((f) => f.endsWith('.xlsx')).length).toBeGreaterThan(3);
    for (const path of files) expect(readFileSync(join(threaded, path)).equals(readFileSync(join(here.outDir, path))), path).toBe(true);

    const manifest = JSON.parse(readFileSync(join(threaded, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.artifacts.map((a) => a.path)).toEqual(files.filter((f) => f !== 'manifest.json'));
    for (const a of manifest.artifacts) {
      const file = join(threaded, ...a.path.split('/'));
      expect(a.size, a.path).toBe(statSync(file).size);
      expect(a.sha256, a.path).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    }
  }, 120_000);

  it('are stopped when the build fails meanwhile: the process ends, nothing is left behind', () => {
    const root = fixtureTree();
    // The worker would keep the process alive: it ends only if the worker was stopped.
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', FAILING_CHILD, root], { encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ messageId: 'failed', detail: 'disk full (simulated)' });
    expect(readdirSync(root).filter((f) => f.startsWith('dist'))).toEqual([]);
  }, 120_000);
});
