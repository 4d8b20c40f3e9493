/**
 * The site's templates: Handlebars files in templates/ (a layout, page
 * templates, partials in partials/, static files in assets/). A jurisdiction
 * overrides any of them with `--templates <dir>`: its files replace those of
 * the same name, the rest still come from templates/.
 *
 * Data is only ever output through `{{ }}` (escaped); no helper is registered,
 * so nothing from the lists can turn into markup. Partials that keep to the
 * part of the language fast.ts builds (the table rows run millions of times)
 * render through it, with the same output.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { BAIL, fastCompiler } from './fast.js';

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

/** templates/ of the package (src/emit/site and build/emit/site are both three levels down). */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

/** The page templates the emitter renders; each wraps itself in the `layout` partial. */
export const PAGE_TEMPLATES = ['index', 'list', 'department', 'overview'] as const;
export type PageTemplate = (typeof PAGE_TEMPLATES)[number];

const KNOWN_TOP_LEVEL = new Set<string>(['layout', ...PAGE_TEMPLATES]);
const COMPILE_OPTIONS = { preventIndent: true, knownHelpersOnly: true } as const;
/**
 * Partials run once per row and cell of tables of up to a thousand rows: without
 * @data variables (@index, @first …) Handlebars' each makes no frame object per
 * item, which halves the time of a large page. The layout keeps them: it hosts
 * the page through @partial-block.
 */
const PARTIAL_OPTIONS = { ...COMPILE_OPTIONS, data: false } as const;

export interface Templates {
  render(page: PageTemplate, context: object): string;
  /** Static files for assets/: path relative to assets/ → absolute source path, sorted. */
  assets: ReadonlyMap<string, string>;
  /** Where each template came from (name → file), for messages and tests. */
  sources: ReadonlyMap<string, string>;
}

/** Files under `dir` (relative paths with '/'), sorted; symbolic links to folders are not followed. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(d, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** Template name → file, for one folder: `index`, `layout`, `partials/footer` … */
function templateFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of filesUnder(dir)) {
    if (!rel.endsWith('.hbs')) continue;
    const name = rel.slice(0, -'.hbs'.length);
    if (!name.includes('/') || name.startsWith('partials/')) out.set(name, join(dir, rel));
  }
  return out;
}

function assetFiles(dir: string): Map<string, string> {
  const root = join(dir, 'assets');
  return new Map(filesUnder(root).map((rel) => [rel, join(root, rel)]));
}

export interface TemplateOptions {
  /** Render partials through fast.ts where they allow it (default); false: Handlebars for everything (tests compare the two). */
  builders?: boolean;
}

export function loadTemplates(overrideDir?: string, options: TemplateOptions = {}): Templates {
  const sources = templateFiles(DEFAULT_TEMPLATES_DIR);
  const assets = assetFiles(DEFAULT_TEMPLATES_DIR);
  if (overrideDir !== undefined) {
    if (!existsSync(overrideDir) || !statSync(overrideDir).isDirectory()) throw new Error(`--templates: not a folder: ${overrideDir}`);
    for (const [name, file] of templateFiles(overrideDir)) {
      if (!name.includes('/') && !KNOWN_TOP_LEVEL.has(name)) {
        throw new Error(`--templates: unknown template ${name}.hbs in ${overrideDir} (known: ${[...KNOWN_TOP_LEVEL].join(', ')}; partials go in partials/)`);
      }
      sources.set(name, file);
    }
    for (const [rel, file] of assetFiles(overrideDir)) assets.set(rel, file);
  }

  const hbs = Handlebars.create();
  const compile = (name: string, options: CompileOptions = COMPILE_OPTIONS) => {
    const file = sources.get(name);
    if (!file) throw new Error(`template missing: ${name}.hbs`);
    const source = readFileSync(file, 'utf8');
    try {
      // Parse now, so a syntax error names its file instead of surfacing mid-build.
      const ast = hbs.parse(source, options);
      return { ast, template: hbs.compile(source, options) };
    } catch (e) {
      throw new Error(`template ${file}: ${(e as Error).message}`);
    }
  };
  const partials = new Map<string, { ast: hbs.AST.Program; template: Handlebars.TemplateDelegate }>();
  for (const name of [...sources.keys()].sort()) {
    if (name === 'layout') partials.set('layout', compile(name));
    else if (name.startsWith('partials/')) partials.set(name.slice('partials/'.length), compile(name, PARTIAL_OPTIONS));
  }
  // Partials within what fast.ts builds run as string builders, with Handlebars for what they cannot handle.
  const fast = fastCompiler((name) => partials.get(name)?.ast, hbs.Utils.escapeExpression as (value: unknown) => string);
  for (const [name, { template }] of partials) {
    const builder = options.builders === false ? undefined : fast.partial(name);
    if (!builder) hbs.registerPartial(name, template);
    else {
      hbs.registerPartial(name, ((context: unknown, runtime?: Handlebars.RuntimeOptions) => {
        try {
          return builder(context);
        } catch (e) {
          if (e === BAIL) return template(context, runtime);
          throw e;
        }
      }) as Handlebars.TemplateDelegate);
    }
  }
  const pages = new Map(PAGE_TEMPLATES.map((p) => [p, compile(p).template]));

  return {
    render(page, context) {
      try {
        return pages.get(page)!(context);
      } catch (e) {
        throw new Error(`template ${sources.get(page)}: ${(e as Error).message}`);
      }
    },
    assets: new Map([...assets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    sources,
  };
}
