/**
 * Message catalogs. Every stage and every rule registers its message templates
 * (中文 and English) under its rule id; diagnostics carry only the rule id, the
 * message id and data, and are rendered here in the language the user asked for.
 */
import type { Diagnostic, MessageData, RelatedLocation } from './diagnostics.js';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

export interface MessageTemplate {
  zh: string;
  en: string;
}

export type MessageCatalog = Record<string, MessageTemplate>;

const catalogs = new Map<string, MessageCatalog>();

export function registerMessages(ruleId: string, messages: MessageCatalog): void {
  const existing = catalogs.get(ruleId);
  catalogs.set(ruleId, { ...existing, ...messages });
}

export function hasMessage(ruleId: string, messageId: string): boolean {
  return catalogs.get(ruleId)?.[messageId] !== undefined;
}

/** Each template cut at its placeholders, once: text at even places, names at odd ones (a report renders thousands of messages). */
const PIECES = new Map<string, string[]>();

/** Replace `{name}` with data values; a missing value shows as its placeholder so nothing is lost. */
export function interpolate(template: string, data: MessageData): string {
  let pieces = PIECES.get(template);
  if (!pieces) PIECES.set(template, (pieces = template.split(/\{(\w+)\}/)));
  let out = pieces[0]!;
  for (let i = 1; i < pieces.length; i += 2) {
    const name = pieces[i]!;
    const value = data[name];
    out += (value === undefined ? `{${name}}` : String(value)) + pieces[i + 1]!;
  }
  return out;
}

export function renderMessage(ruleId: string, messageId: string, data: MessageData, lang: Lang): string {
  const template = catalogs.get(ruleId)?.[messageId];
  if (!template) return `${ruleId}/${messageId} ${JSON.stringify(data)}`;
  return interpolate(template[lang], localizedData(data, lang));
}

/**
 * Data values may come in two languages: `field` (the schema title, 中文) and
 * `field_en` (the English key). In English the `_en` value wins.
 */
function localizedData(data: MessageData, lang: Lang): MessageData {
  if (lang === 'zh') return data;
  const out: MessageData = { ...data };
  for (const [k, v] of Object.entries(data)) {
    if (k.endsWith('_en') && v !== undefined) out[k.slice(0, -3)] = v;
  }
  return out;
}

export function diagnosticMessage(d: Diagnostic, lang: Lang): string {
  return renderMessage(d.ruleId, d.messageId, d.data, lang);
}

export function relatedMessage(ruleId: string, r: RelatedLocation, lang: Lang): string | undefined {
  return r.messageId ? renderMessage(ruleId, r.messageId, r.data ?? {}, lang) : undefined;
}

/** Strings of the command-line interface itself (not tied to a rule). */
export function ui(lang: Lang, template: MessageTemplate, data: MessageData = {}): string {
  return interpolate(template[lang], data);
}
