import { registerMessages } from '../core/messages.js';

/** Problems of reading a file at all. */
registerMessages('file', {
  'not-found': { zh: '找不到路径 {path}', en: 'Path not found: {path}' },
  unreadable: { zh: '无法读取文件：{reason}。请检查文件权限。', en: 'Cannot read the file: {reason}. Check its permissions.' },
  'too-large': {
    zh: '文件过大（{size} 字节，上限 {limit} 字节，limits.max_file_bytes）。请拆分为多个文件，或在配置中调整上限。',
    en: 'File too large ({size} bytes, limit {limit} bytes, limits.max_file_bytes). Split it into several files or raise the limit in the configuration.',
  },
  binary: { zh: '这不是文本文件（含有 NUL 字节）。清单文件应为 UTF-8 编码的 YAML。', en: 'This is not a text file (it contains NUL bytes). List files are YAML in UTF-8.' },
  'utf16': {
    zh: '文件为 {encoding} 编码。清单文件应为 UTF-8：请另存为 UTF-8，或运行 iconv -f {encoding} -t UTF-8 "{path}"。',
    en: 'The file is encoded in {encoding}. List files must be UTF-8: save it as UTF-8, or run iconv -f {encoding} -t UTF-8 "{path}".',
  },
  'not-utf8': {
    zh: '文件不是有效的 UTF-8（第 {line} 行附近），可能是 GBK/GB18030 编码。请另存为 UTF-8，或运行 iconv -f GB18030 -t UTF-8 "{path}"。',
    en: 'The file is not valid UTF-8 (near line {line}); it may be GBK/GB18030. Save it as UTF-8, or run iconv -f GB18030 -t UTF-8 "{path}".',
  },
  'symlink-loop': { zh: '符号链接形成循环，已跳过：{path}', en: 'Symbolic link loop, skipped: {path}' },
  'no-files': { zh: '在 {path} 中没有找到清单文件（*.yaml、*.yml）。', en: 'No list files (*.yaml, *.yml) found in {path}.' },
});

registerMessages('yaml', {
  syntax: { zh: 'YAML 语法错误：{detail}', en: 'YAML syntax error: {detail}' },
  indent: {
    zh: '缩进不一致：这一行与同层的字段没有对齐（或上一行的值之后不能再嵌套字段）。同一条目的字段应从同一列开始，请用空格对齐。',
    en: 'Inconsistent indentation: this line is not aligned with its siblings (or nests under a line that already has a value). Fields of one entry start in the same column; align them with spaces.',
  },
  'tab-indent': { zh: 'YAML 不能用 Tab 缩进，请改用空格。', en: 'YAML does not allow tabs for indentation; use spaces.' },
  'duplicate-key': { zh: '重复的键“{key}”：同一映射中的键不能重复，后者会覆盖前者。', en: 'Duplicate key "{key}": keys in one mapping must be unique; the later one would override the earlier.' },
  'alias-bomb': {
    zh: '别名（alias）展开次数过多（上限 {limit}，limits.max_aliases），疑似“别名炸弹”，文件未被读取。',
    en: 'Too many alias expansions (limit {limit}, limits.max_aliases): this looks like an alias bomb; the file was not read.',
  },
  'too-deep': {
    zh: '嵌套过深（超过 {limit} 层，limits.max_depth）。清单条目不需要这样深的结构。',
    en: 'Nesting too deep (over {limit} levels, limits.max_depth). List entries need no such depth.',
  },
  'value-too-long': {
    zh: '文件中有超过 {limit} 个字符的值（limits.max_value_length），文件未被读取。清单单元格不需要这样长的文本；请检查文件是否损坏，或在配置中调整上限。',
    en: 'The file holds a value longer than {limit} characters (limits.max_value_length); it was not read. No list cell needs such text: check the file, or raise the limit in the configuration.',
  },
  warning: { zh: 'YAML 警告：{detail}', en: 'YAML warning: {detail}' },
});

registerMessages('list', {
  empty: { zh: '文件为空。清单文件应包含 kind: 和 entries:。', en: 'The file is empty. A list file needs kind: and entries:.' },
  'not-a-mapping': {
    zh: '清单文件的顶层应为映射（kind: …、entries: …），这里是{actual}。',
    en: 'A list file must be a mapping at the top (kind: …, entries: …); this is {actual}.',
  },
  'missing-kind': {
    zh: '缺少 kind:，无法判断这是哪种清单。可用的种类：{kinds}。',
    en: 'kind: is missing, so the list type is unknown. Known kinds: {kinds}.',
  },
  'unknown-kind': {
    zh: '未知的清单种类“{kind}”{suggestion}。可用的种类：{kinds}。',
    en: 'Unknown kind "{kind}"{suggestion}. Known kinds: {kinds}.',
  },
  'missing-entries': { zh: '缺少 entries:（条目列表）。', en: 'entries: (the list of entries) is missing.' },
  'entries-not-sequence': { zh: 'entries: 应为序列（每个条目以“- ”开头），这里是{actual}。', en: 'entries: must be a sequence (each entry starting with "- "); this is {actual}.' },
  'entry-not-mapping': { zh: '条目应为映射（字段: 值），这里是{actual}。', en: 'An entry must be a mapping (field: value); this is {actual}.' },
  'unknown-default': {
    zh: '文件级字段“{key}”不是{kind}的字段{suggestion}。文件级字段作为各条目的默认值。',
    en: 'File-level field "{key}" is not a field of {kind}{suggestion}. File-level fields are defaults for the entries.',
  },
  'too-many-entries': {
    zh: '条目过多（{count} 条，上限 {limit}，limits.max_entries）。',
    en: 'Too many entries ({count}, limit {limit}, limits.max_entries).',
  },
});
