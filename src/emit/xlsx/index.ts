/**
 * The Excel attachments: one workbook per published list (and per department
 * with --by department). In a build they are written by a worker thread
 * (thread.ts) while the other emitters run; the tables are made here.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { safeJoin } from '../../core/fs.js';
import type { Artifact, EmitContext, Emitter } from '../types.js';
import { planPublications, publicationTable, type Publication } from './plan.js';
import { WorkbookThread } from './thread.js';
import type { WorkbookResult, WorkbookSpec } from './workbook.js';

export const workbookEmitter: Emitter = {
  name: 'workbooks',
  async emit(context) {
    const plan = planPublications(context.catalog, { byDepartment: context.options.by === 'department', draft: context.draft });
    const thread = context.defer ? WorkbookThread.start() : undefined;
    const jobs: Promise<Artifact>[] = [];
    try {
      for (const publication of plan) {
        const path = `${publication.base}.xlsx`;
        const file = safeJoin(context.outDir, ...path.split('/'));
        mkdirSync(dirname(file), { recursive: true });
        const what = progressLabel(publication, context.options.lang === 'en');
        const table = publicationTable(context.catalog, publication);
        const spec = workbookSpec(context, publication);
        const options = {
          sheetRows: typeof context.options.sheetRows === 'number' ? context.options.sheetRows : undefined,
          progress: (written: number, total: number) => context.progress(`${what} … ${written}/${total}`),
        };
        const artifact = ({ size, sha256 }: WorkbookResult): Artifact => ({
          path,
          type: 'xlsx',
          kind: publication.kind.name,
          ...(publication.department ? { department: publication.department } : {}),
          size,
          sha256,
        });
        if (!thread) {
          // exceljs is loaded only where the workbooks are written.
          const { writeWorkbook } = await import('./workbook.js');
          jobs.push(Promise.resolve(artifact(await writeWorkbook(file, table, spec, options))));
          continue;
        }
        // The file exists from now on, as later emitters may look for it (the worker writes it over).
        closeSync(openSync(file, 'w'));
        const job = thread.write(file, table, spec, options).then(artifact);
        job.catch(() => {}); // awaited with the others
        jobs.push(job);
      }
    } catch (e) {
      await thread?.close();
      throw e;
    }
    const all = Promise.all(jobs);
    if (!thread) return all;
    context.defer!(
      all.finally(() => thread.close()),
      () => thread.close(),
    );
    return [];
  },
};

function progressLabel(publication: Publication, english: boolean): string {
  const name = publication.attachment !== undefined ? `附件${publication.attachment}` : publication.kind.title;
  const where = publication.department ? `${publication.department}/` : '';
  return `${english ? 'writing' : '写入'} ${where}${name}`;
}

export function workbookSpec(context: EmitContext, publication: Publication): WorkbookSpec {
  const { catalog, draft, timestamp } = context;
  const edition = catalog.config.edition;
  const label = publication.attachment !== undefined ? `附件${publication.attachment}` : undefined;
  return {
    label,
    title: publication.title,
    sheetName: publication.kind.title,
    notes: editionNotes(context, publication),
    fonts: catalog.config.fonts,
    timestamp,
    draft,
    properties: {
      title: publication.title,
      subject: edition.title ?? publication.kind.title,
      creator: edition.issuer,
      company: edition.issuer,
      keywords: edition.edition,
      category: label,
      status: draft ? '草稿' : edition.sample ? '示例' : undefined,
    },
  };
}

/** The 备注 block: edition and date, the department's share, the sample and draft notes, the configured notes. */
export function editionNotes(context: EmitContext, publication: Publication): string[] {
  const { catalog } = context;
  const edition = catalog.config.edition;
  const notes: string[] = [`${edition.edition ? `版次：${edition.edition}；` : ''}版本日期：${chineseDate(context.timestamp)}。`];
  if (publication.department) {
    notes.push(`本表为${edition.jurisdiction ?? ''}${publication.kind.title}中由${publication.department}实施或负责的部分，共${publication.entries.length}项。`);
  }
  if (edition.sample) notes.push('本清单为示例版本，内容待各有关部门核对确认后方可正式发布。');
  if (context.draft) notes.push(`本清单为草稿：校验发现${errorCount(context)}个错误，未经审定，不得作为正式文件印发。`);
  notes.push(...(edition.notes ?? []));
  return notes;
}

function errorCount(context: EmitContext): number {
  return context.diagnostics.filter((d) => d.severity === 'error' && !d.waived).length;
}

function chineseDate(date: Date): string {
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}
