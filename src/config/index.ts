/**
 * Configuration: edition metadata, attachment numbers, code patterns, custom
 * kinds, rule severities and limits. Read from `qingdan.config.yaml` in the
 * lists folder (or given with --config), validated by its own schema.
 */
import type { KindDefinition } from '../kinds/index.js';
import type { SeveritySetting } from '../core/diagnostics.js';

export const CONFIG_FILE_NAME = 'qingdan.config.yaml';

export interface EditionMeta {
  jurisdiction?: string;
  issuer?: string;
  title?: string;
  edition?: string;
  sample?: boolean;
  date?: string;
  written?: string;
  published?: string;
  index_number?: string;
  doc_number?: string;
  validity?: string;
  notes?: string[];
}

export interface Limits {
  max_file_bytes: number;
  max_entries: number;
  max_depth: number;
  max_aliases: number;
  max_value_length: number;
}

export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> };

export interface Config {
  /** The file it was read from, if any. */
  file?: string;
  edition: EditionMeta;
  attachments: Record<string, number>;
  codes: Record<string, string>;
  kinds: KindDefinition[];
  rules: Record<string, RuleSetting>;
  credit_grades: string[];
  key_supervision_cap: number;
  traceability_fields: string[];
  fonts: { title: string; header: string; body: string };
  import: Record<string, Record<string, string>>;
  limits: Limits;
}

/** Defaults a province's lists fit in. */
export const DEFAULT_LIMITS: Limits = {
  max_file_bytes: 256 * 1024 * 1024,
  max_entries: 2_000_000,
  max_depth: 64,
  max_aliases: 100,
  max_value_length: 100_000,
};

export function defaultConfig(): Config {
  return {
    edition: {},
    attachments: {},
    // Overrides only: the national patterns are the built-in kinds' own `code_pattern`.
    codes: {},
    kinds: [],
    rules: {},
    credit_grades: ['A', 'B', 'C', 'D'],
    key_supervision_cap: 30,
    traceability_fields: ['食品', '药品', '医疗器械', '特种设备'],
    fonts: { title: '方正小标宋简体', header: '黑体', body: '仿宋' },
    import: {},
    limits: { ...DEFAULT_LIMITS },
  };
}

/** Merge a validated configuration object over the defaults. */
export function resolveConfig(raw: Partial<Config> & Record<string, unknown>, file?: string): Config {
  const base = defaultConfig();
  return {
    ...base,
    ...raw,
    file,
    edition: { ...base.edition, ...raw.edition },
    codes: { ...base.codes, ...raw.codes },
    fonts: { ...base.fonts, ...raw.fonts },
    limits: { ...base.limits, ...raw.limits },
    kinds: raw.kinds ?? [],
    rules: raw.rules ?? {},
    attachments: raw.attachments ?? {},
    import: raw.import ?? {},
  };
}

/** The edition's date (for law-in-force checks and timestamps): configured, or SOURCE_DATE_EPOCH, or today. */
export function editionDate(config: Config, env: NodeJS.ProcessEnv = process.env): string {
  if (config.edition.date) return config.edition.date;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  return new Date().toISOString().slice(0, 10);
}
