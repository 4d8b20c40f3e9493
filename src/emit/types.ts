/**
 * Stage 5, emit: publications written from the Catalog. Each emitter writes
 * its files under the build's temporary folder and returns what it wrote; the
 * build moves the whole folder into place only when every emitter succeeded.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { Catalog } from '../link/index.js';

export interface Artifact {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  /** What it is: 'xlsx', 'csv', 'json', 'html', … */
  type: string;
  /** The kind it publishes, if any. */
  kind?: string;
  department?: string;
  /** Bytes and SHA-256 of the file as written (digest.ts), for the manifest; a file without them is read back. */
  size?: number;
  sha256?: string;
}

export interface EmitContext {
  catalog: Catalog;
  /** The temporary output folder (becomes dist/ when the build succeeds). */
  outDir: string;
  /** Built with --force over errors: every output is marked 草稿 (draft). */
  draft: boolean;
  /** The findings of validate and check, for figures and notes. */
  diagnostics: readonly Diagnostic[];
  /** Fixed timestamp for reproducible files (edition date or SOURCE_DATE_EPOCH). */
  timestamp: Date;
  /** Options of the build command (e.g. by: 'department', templates dir). */
  options: Readonly<Record<string, unknown>>;
  /** Progress on stderr for long builds (no-op when quiet or not a terminal). */
  progress(message: string): void;
  /**
   * Work an emitter leaves running when emit() returns (workbooks a worker
   * thread is still writing), giving its artifacts when done: the build
   * waits for it before the manifest and fails with it; when the build fails
   * otherwise, `stop` is called and the work awaited before the temporary
   * folder is removed. The files must exist when emit() returns, as later
   * emitters may look for them (the site links to the downloads there are).
   * Absent (a context made outside a build), the emitter waits itself.
   */
  defer?(work: Promise<Artifact[]>, stop: () => Promise<void>): void;
}

export interface Emitter {
  name: string;
  emit(context: EmitContext): Promise<Artifact[]>;
}
