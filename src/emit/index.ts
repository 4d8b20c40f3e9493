/**
 * Stage 5, emit: the emitters a build runs, in order. A new output format is
 * one emitter (see types.ts) and one line here.
 */
import { openDataEmitter } from './opendata.js';
import { siteEmitter } from './site/index.js';
import type { Emitter } from './types.js';
import { workbookEmitter } from './xlsx/index.js';

export const emitters: readonly Emitter[] = [workbookEmitter, openDataEmitter, siteEmitter];
