/**
 * The pipeline, end to end: load → validate → link → check → emit.
 * Commands call these stages; each hands the next a richer, read-only value.
 */
import { loadProject, type LoadOptions } from './load/index.js';
import { validateProject } from './validate/index.js';
import { link, type Catalog } from './link/index.js';

export { loadProject } from './load/index.js';
export { validateProject } from './validate/index.js';
export { link } from './link/index.js';

/** load → validate → link: the Catalog with the diagnostics found on the way. */
export function compile(options: LoadOptions): Catalog {
  const loaded = loadProject(options);
  const validated = validateProject(loaded);
  return link(validated);
}
