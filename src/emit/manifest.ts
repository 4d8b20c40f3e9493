/**
 * dist/manifest.json: what a build published, so that a reader can check
 * every file against it: path, type, size and SHA-256 of each file, the
 * edition, whether it is a draft, the tool's version and, when the lists are
 * in a git work tree, the commit they were built from.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import type { EditionMeta } from '../config/index.js';
import type { Artifact } from './types.js';

export const MANIFEST_FILE = 'manifest.json';
export const GENERATOR = 'qingdan';

export interface ManifestArtifact extends Artifact {
  size: number;
  sha256: string;
}

export interface SourceInfo {
  commit: string;
  dirty: boolean;
}

export interface Manifest {
  generator: string;
  version: string;
  edition: Record<string, unknown>;
  draft: boolean;
  timestamp: string;
  findings: { error: number; warning: number; info: number; waived: number };
  source?: SourceInfo;
  artifacts: ManifestArtifact[];
}

export interface ManifestOptions {
  edition: EditionMeta;
  /** The edition date in force (configured, or from the build's timestamp). */
  date: string;
  draft: boolean;
  timestamp: Date;
  diagnostics: readonly Diagnostic[];
  version: string;
  /** The lists folder, for the git commit. */
  sourceDir: string;
}

const EDITION_KEYS: readonly (keyof EditionMeta)[] = [
  'jurisdiction',
  'issuer',
  'title',
  'edition',
  'sample',
  'date',
  'written',
  'published',
  'index_number',
  'doc_number',
  'validity',
  'notes',
];

/** The edition metadata in a fixed key order, with the date in force. */
export function editionRecord(edition: EditionMeta, date: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of EDITION_KEYS) {
    const value = key === 'date' ? (edition.date ?? date) : edition[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * List every file under the output folder with its size and SHA-256 and
 * write the manifest beside them. Files the emitters declared keep their
 * type, kind and department, and the digest taken as they were written
 * (digest.ts); any other file is read and hashed, and listed too, typed by
 * its extension, so nothing is published unaccounted for.
 */
export async function writeManifest(outDir: string, declared: readonly Artifact[], options: ManifestOptions): Promise<Manifest> {
  const byPath = new Map<string, Artifact>();
  for (const a of declared) {
    if (byPath.has(a.path)) throw new Error(`two emitters wrote ${a.path}`);
    byPath.set(a.path, a);
  }
  const files = listFiles(outDir).filter((p) => p !== MANIFEST_FILE);
  const written = new Set(files);
  const missing = [...byPath.keys()].filter((p) => !written.has(p));
  if (missing.length > 0) throw new Error(`declared but not written: ${missing.join(', ')}`);

  const artifacts: ManifestArtifact[] = [];
  for (const path of files.sort(comparePaths)) {
    const a = byPath.get(path);
    const full = join(outDir, ...path.split('/'));
    const size = statSync(full).size;
    // The digest the emitter took as it wrote the file; read the file when there is none, or its size says it changed since.
    const known = a?.sha256 !== undefined && a.size === size;
    artifacts.push({
      path,
      type: a?.type ?? (path.includes('.') ? path.slice(path.lastIndexOf('.') + 1) : 'file'),
      ...(a?.kind !== undefined ? { kind: a.kind } : {}),
      ...(a?.department !== undefined ? { department: a.department } : {}),
      size,
      sha256: known ? a.sha256! : await sha256File(full),
    });
  }
  const counts = countDiagnostics(options.diagnostics);
  const source = gitSource(options.sourceDir);
  const manifest: Manifest = {
    generator: GENERATOR,
    version: options.version,
    edition: editionRecord(options.edition, options.date),
    draft: options.draft,
    timestamp: options.timestamp.toISOString(),
    findings: { error: counts.error, warning: counts.warning, info: counts.info, waived: counts.waived },
    ...(source ? { source } : {}),
    artifacts,
  };
  // Into the build's temporary folder, flushed with the rest before it is swapped in (build.ts).
  writeFileSync(join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Code-point order of paths, the same on every machine (not the locale's). */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every file under a folder, as relative paths with forward slashes. */
export function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(root, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The commit the lists folder is at, and whether the folder has uncommitted changes; undefined outside git. */
export function gitSource(dir: string): SourceInfo | undefined {
  const git = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
  try {
    const commit = git(['rev-parse', 'HEAD']).trim();
    if (!/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
    const dirty = git(['status', '--porcelain', '--', '.']).trim() !== '';
    return { commit, dirty };
  } catch {
    return undefined;
  }
}

/** Read a manifest, if the folder has one of ours. */
export function isBuildOutput(manifestText: string): boolean {
  try {
    return (JSON.parse(manifestText) as { generator?: unknown }).generator === GENERATOR;
  } catch {
    return false;
  }
}
