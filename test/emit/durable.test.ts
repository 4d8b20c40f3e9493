/**
 * A power failure leaves the old dist/ or the whole new one: the build's
 * temporary folder is flushed to the disk, the manifest included, before it
 * is renamed into place, and the renames are flushed before the previous
 * build is removed (src/emit/build.ts). syncTree and syncFolder are watched
 * here (they still run); test/core/fs.test.ts checks that syncTree flushes
 * every file and folder.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listFiles, MANIFEST_FILE } from '../../src/emit/manifest.js';
import { buildFixture, fixtureTree } from './fixtures.js';

interface Seen {
  call: 'syncTree' | 'syncFolder';
  path: string;
  files: string[];
  siblings: string[];
  previous: boolean;
}

const watch = vi.hoisted(() => ({ seen: [] as Seen[], dist: '' }));

vi.mock('../../src/core/fs.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/fs.js')>();
  const look = (call: Seen['call'], path: string): Seen => ({
    call,
    path,
    files: call === 'syncTree' ? listFiles(path).sort() : [],
    siblings: readdirSync(dirname(watch.dist)).sort(),
    previous: existsSync(join(watch.dist, 'previous.txt')),
  });
  return {
    ...actual,
    syncTree: async (root: string) => {
      watch.seen.push(look('syncTree', root));
      return actual.syncTree(root);
    },
    syncFolder: (path: string) => {
      watch.seen.push(look('syncFolder', path));
      return actual.syncFolder(path);
    },
  };
});

beforeEach(() => {
  watch.seen = [];
});

describe('the build flushes its files before they are published', () => {
  it('flushes the finished temporary folder, then the renames, then removes the previous build', async () => {
    const root = fixtureTree();
    watch.dist = join(root, 'dist');
    await buildFixture(root, { by: 'department' });
    writeFileSync(join(watch.dist, 'previous.txt'), 'previous build');
    watch.seen = [];

    await buildFixture(root, { by: 'department' });
    const published = listFiles(watch.dist).sort();
    expect(published).toContain(MANIFEST_FILE);
    expect(published).not.toContain('previous.txt');
    expect(watch.seen.map((s) => s.call)).toEqual(['syncTree', 'syncFolder']);
    const [tree, folder] = watch.seen as [Seen, Seen];

    // The temporary folder with every file of the build, the manifest included, while dist/ is still the previous build.
    expect(basename(tree.path)).toMatch(/^dist\.tmp-\d+-[0-9a-f]+$/);
    expect(dirname(tree.path)).toBe(root);
    expect(tree.files).toEqual(published);
    expect(tree.previous).toBe(true);

    // The folder holding dist/, once the new build is in place and before the previous one, set aside, is removed.
    expect(folder.path).toBe(root);
    expect(folder.previous).toBe(false);
    expect(folder.siblings).toContain('dist');
    expect(folder.siblings.some((s) => /^dist\.old-\d+-[0-9a-f]+$/.test(s))).toBe(true);
    expect(folder.siblings.some((s) => s.startsWith('dist.tmp-'))).toBe(false);
    expect(readdirSync(root).some((s) => s.startsWith('dist.old-'))).toBe(false);
  });
});
