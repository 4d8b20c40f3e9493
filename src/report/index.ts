/** Report formats, by name. A new format is one file and one line here. */
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const formatters: Record<string, Formatter> = {
  stylish,
  json,
  sarif,
  github,
  junit,
};

export { formatReport, type Formatter, type ReportContext } from './types.js';
