/** The 修订对照表 as an HTML page for the 政府信息公开 site: the same rows as the workbook, every text escaped. */
import type { Config } from '../config/index.js';
import type { DiffResult } from './index.js';
import { revisionNotes, revisionTitle } from './heading.js';
import { REVISION_COLUMNS, revisionRows } from './table.js';

const STYLE = `body{font-family:"仿宋","FangSong","宋体","SimSun",serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#000}
h1{font-family:"方正小标宋简体","宋体","SimSun",serif;font-weight:normal;text-align:center;font-size:1.6em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:.3em .5em;vertical-align:middle;white-space:pre-line}
th{font-family:"黑体","SimHei",sans-serif;font-weight:normal}
td.c{text-align:center}
.notes{margin-top:1em}`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function diffHtml(result: DiffResult, editions: { before: Config; after: Config }): string {
  const title = escapeHtml(revisionTitle(editions.after));
  const head = REVISION_COLUMNS.map((h) => `<th scope="col">${h}</th>`).join('');
  const body = revisionRows(result)
    .map((r) => {
      const cells = [
        `<td class="c">${r.serial}</td>`,
        `<td class="c">${escapeHtml(r.list)}</td>`,
        `<td>${escapeHtml(r.item)}</td>`,
        `<td>${escapeHtml(r.before)}</td>`,
        `<td>${escapeHtml(r.after)}</td>`,
        `<td class="c">${escapeHtml(r.type)}</td>`,
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const notes = revisionNotes(result, editions)
    .map((n) => `<p>${escapeHtml(n)}</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<div class="notes">
<p>备注：</p>
${notes}
</div>
</main>
</body>
</html>
`;
}
