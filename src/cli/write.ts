/**
 * A command's output that could not be written (a folder in its place, a
 * file where a folder should be, no permission, a full disk) is the user's to
 * fix: named in their language with the system's reason, exit 2, not an
 * internal error.
 */
import { ui, type Lang } from '../core/messages.js';
import { UsageError } from './exit.js';

const T = {
  unwritable: { zh: '无法写入 {out}：{reason}', en: 'Cannot write {out}: {reason}' },
};

/** The error to throw for `e`, met writing `out` (as the user named it): a UsageError for a system call that failed, else `e` itself. */
export function writeFailure(lang: Lang, out: string, e: unknown): unknown {
  const failed = e as NodeJS.ErrnoException | undefined;
  return typeof failed?.syscall === 'string' ? new UsageError(ui(lang, T.unwritable, { out, reason: failed.message })) : e;
}
