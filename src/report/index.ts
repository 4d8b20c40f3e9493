/** Report formats, by name. A new format is one file and one line here. */
import { json } from './json.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const formatters: Record<string, Formatter> = {
  stylish,
  json,
};

export type { Formatter, ReportContext } from './types.js';
