import { registerMessages } from '../core/messages.js';

/** Problems of reading a spreadsheet into a list (schema problems use the 'schema' messages). */
registerMessages('import', {
  'no-header': {
    zh: '在前 {rows} 行中找不到{kind}的表头（至少要认出两列，例如 {examples}）。请用 --kind 选择正确的清单种类，或在配置 import: 中给出表头与字段的对应关系。',
    en: 'No header row of {kind} in the first {rows} rows (at least two columns must be recognised, e.g. {examples}). Choose the right list kind with --kind, or map headers to fields under import: in the configuration.',
  },
  'unknown-column': {
    zh: '不认识的列“{header}”：其内容没有导入字段，而是作为注释保留在各条目之前。如它对应某个字段，请在配置 import: 中给出对应关系。',
    en: 'Unknown column "{header}": its values are not imported into a field but kept as a comment above each entry. If it holds a field, map it under import: in the configuration.',
  },
  'duplicate-column': {
    zh: '列“{header}”与前面的列“{first}”都对应字段“{field}”：只导入前一列，这一列的内容作为注释保留。',
    en: 'Column "{header}" and the earlier column "{first}" both map to {field}: only the earlier one is imported; this one is kept as a comment.',
  },
  'missing-column': {
    zh: '表中没有必填字段“{field}”（{key}）的列，导入的每个条目都缺少它，请在导入后补上{hint}。',
    en: 'No column holds the required field {key} ({field}); every imported entry lacks it: fill it in after the import{hint}.',
  },
  'skipped-row': {
    zh: '这一行只有“{text}”，不是条目（分组标题或空行的序号），没有导入。',
    en: 'This row holds only "{text}": not an entry (a section heading, or the 序号 of an empty row); not imported.',
  },
  'no-rows': { zh: '表头下面没有数据行。', en: 'There are no data rows below the header.' },
  'bad-mapping': {
    zh: '配置 import.{kind} 把表头“{header}”对应到“{field}”，但{kindTitle}没有这个字段。',
    en: 'Configuration import.{kind} maps header "{header}" to "{field}", which is not a field of {kindTitle}.',
  },
});
