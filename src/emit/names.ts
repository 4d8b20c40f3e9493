/**
 * File names that several emitters must agree on: the workbook, CSV and JSON
 * of a kind share one base name (`附件2-监管事项目录清单`), and the site links
 * to them by it.
 */
import type { Config } from '../config/index.js';
import { safeFileName } from '../core/fs.js';
import type { Kind } from '../kinds/registry.js';

/** `附件N-<title>` when the configuration numbers the kind's attachment, else the title (made safe as a file name). */
export function attachmentBaseName(kind: Kind, config: Config): string {
  const n = config.attachments[kind.name];
  return `${n !== undefined ? `附件${n}-` : ''}${safeFileName(kind.title, kind.name)}`;
}
