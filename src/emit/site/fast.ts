/**
 * Partials as plain string builders. The tables of the site run a partial per
 * row and the markup of every cell and link, millions of times for a large
 * edition; Handlebars' runtime spends most of that time in helper calls and
 * option objects. A partial that keeps to a small part of the language —
 * text, `{{path}}`, `{{#if}}`, `{{#unless}}`, `{{#each}}`, `{{#with}}` (with
 * `{{else}}`), comments and `{{> partial}}` of another such partial — is
 * turned here into closures that give exactly what Handlebars gives: the same
 * whitespace handling (from Handlebars' own parser), the same lookups and the
 * same escaping (Handlebars' escapeExpression).
 *
 * Anything else makes the partial stay with Handlebars: at compile time
 * (other helpers, data variables, `../`, parameters, triple-stash …) or, for
 * a value the builders do not handle (a function, an object that is not an
 * array given to each, a property that is not the object's own), at run time:
 * the builder throws BAIL and the caller renders that call with Handlebars.
 */
import type {} from 'handlebars'; // the hbs.AST types

type Program = hbs.AST.Program;
type Statement = hbs.AST.Statement;
type PathExpression = hbs.AST.PathExpression;

/** Thrown when a value needs Handlebars' own handling. */
export const BAIL: unique symbol = Symbol('bail');

export type StringBuilder = (context: unknown) => string;

/**
 * A compiled piece of template: its output for `context`. Joined with `+`
 * (V8 joins long strings lazily, and the page is flattened once, when it is
 * written), which measured faster than collecting pieces for Array#join.
 */
type Node = StringBuilder;

const HELPERS = new Set(['each', 'if', 'unless', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing']);
const hasOwn = Object.prototype.hasOwnProperty;

/** Handlebars' lookupProperty for what it returns unchanged (own properties, null, undefined); anything else bails. */
function property(value: unknown, name: string): unknown {
  const result = (value as Record<string, unknown>)[name];
  if (result === undefined || result === null) return result;
  if (hasOwn.call(value, name)) return result;
  throw BAIL;
}

/** `this.a.b`, `a.b`, `this`: as Handlebars resolves a path on the context. */
function lookup(parts: readonly string[]): (context: unknown) => unknown {
  if (parts.length === 0) return (context) => context;
  if (parts.length === 1) {
    const name = parts[0]!;
    return (context) => (context === undefined || context === null ? undefined : property(context, name));
  }
  return (context) => {
    let value: unknown = context === undefined || context === null ? undefined : property(context, parts[0]!);
    for (let i = 1; i < parts.length; i++) {
      if (value === undefined || value === null) return value;
      value = property(value, parts[i]!);
    }
    return value;
  };
}

/** A path the builders can resolve: on the context (no `@data`, no `../`), no reserved name. */
function simplePath(node: hbs.AST.Expression): PathExpression | undefined {
  if (node.type !== 'PathExpression') return undefined;
  const path = node as PathExpression;
  if (path.data || (path.depth ?? 0) !== 0) return undefined;
  if (!Array.isArray(path.parts) || path.parts.some((p) => typeof p !== 'string' || p === 'constructor' || p === '__proto__')) return undefined;
  return path;
}

function scoped(path: PathExpression): boolean {
  return /^\.|this\b/.test(path.original);
}

/** Handlebars' truthiness for #if (includeZero off): false, 0, '', null, undefined, NaN and [] are false. */
function falsy(value: unknown): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}

/** Handlebars' isEmpty (for #with): as falsy, but 0 is a value. */
function empty(value: unknown): boolean {
  return (!value && value !== 0) || (Array.isArray(value) && value.length === 0);
}

export interface FastCompiler {
  /** The builder of a partial, or undefined when it stays with Handlebars. */
  partial(name: string): StringBuilder | undefined;
}

/**
 * Builders for partials. `sources` gives each partial's parsed template (parsed
 * with the options it is compiled with); `escape` is Handlebars' escapeExpression.
 */
export function fastCompiler(parse: (name: string) => Program | undefined, escape: (value: unknown) => string): FastCompiler {
  const done = new Map<string, Node | undefined>();
  const busy = new Set<string>();

  const node = (name: string): Node | undefined => {
    if (done.has(name)) return done.get(name);
    if (busy.has(name)) return undefined; // recursion: leave it to Handlebars
    busy.add(name);
    let built: Node | undefined;
    try {
      const ast = parse(name);
      built = ast ? program(ast) : undefined;
    } finally {
      busy.delete(name);
    }
    done.set(name, built);
    return built;
  };

  const partial = (name: string): StringBuilder | undefined => node(name);

  const nothing: Node = () => '';

  const program = (ast: Program | undefined): Node | undefined => {
    if (!ast) return nothing;
    if (ast.blockParams && ast.blockParams.length > 0) return undefined;
    const items: (string | Node)[] = [];
    const text = (s: string) => {
      if (s === '') return;
      const last = items[items.length - 1];
      if (typeof last === 'string') items[items.length - 1] = last + s;
      else items.push(s);
    };
    for (const statement of ast.body) {
      const built = compileStatement(statement, text);
      if (built === undefined) return undefined;
      if (built !== null) items.push(built);
    }
    if (items.length === 0) return nothing;
    if (items.length === 1) {
      const only = items[0]!;
      return typeof only === 'string' ? () => only : only;
    }
    return (context) => {
      let out = '';
      for (const item of items) out += typeof item === 'string' ? item : item(context);
      return out;
    };
  };

  /** A statement's builder, null when it only added text (or nothing), undefined when it is beyond the builders. */
  const compileStatement = (statement: Statement, text: (s: string) => void): Node | null | undefined => {
    switch (statement.type) {
      case 'ContentStatement': {
        const value = (statement as hbs.AST.ContentStatement).value;
        if (typeof value !== 'string') return undefined;
        text(value);
        return null;
      }
      case 'CommentStatement':
        return null;
      case 'MustacheStatement':
        return mustache(statement as hbs.AST.MustacheStatement);
      case 'BlockStatement':
        return block(statement as hbs.AST.BlockStatement);
      case 'PartialStatement': {
        const call = statement as hbs.AST.PartialStatement & { indent?: string };
        if (call.name.type !== 'PathExpression' || call.hash || call.params.length > 1) return undefined;
        const target = node((call.name as PathExpression).original);
        if (!target) return undefined;
        // With preventIndent, a standalone partial's indent is written once, as text.
        if (call.indent) text(call.indent);
        if (call.params.length === 0) return target;
        const path = simplePath(call.params[0]!);
        if (!path) return undefined;
        const get = lookup(path.parts);
        return (context) => target(get(context));
      }
      default:
        return undefined;
    }
  };

  const mustache = (node: hbs.AST.MustacheStatement): Node | undefined => {
    if (!node.escaped || node.params.length > 0 || node.hash) return undefined;
    const path = simplePath(node.path);
    if (!path) return undefined;
    if (path.parts.length === 1 && !scoped(path) && HELPERS.has(path.parts[0]!)) return undefined;
    const get = lookup(path.parts);
    return (context) => {
      const value = get(context);
      if (typeof value === 'function') throw BAIL;
      return escape(value);
    };
  };

  const block = (node: hbs.AST.BlockStatement): Node | undefined => {
    const head = simplePath(node.path);
    if (!head || head.parts.length !== 1 || scoped(head) || node.hash || node.params.length !== 1) return undefined;
    const param = simplePath(node.params[0]!);
    if (!param) return undefined;
    const get = lookup(param.parts);
    const fn = program(node.program);
    const inverse = program(node.inverse);
    if (!fn || !inverse) return undefined;
    const value = (context: unknown) => {
      const v = get(context);
      if (typeof v === 'function') throw BAIL;
      return v;
    };
    switch (head.parts[0]) {
      case 'if':
        return (context) => (falsy(value(context)) ? inverse(context) : fn(context));
      case 'unless':
        return (context) => (falsy(value(context)) ? fn(context) : inverse(context));
      case 'with':
        return (context) => {
          const v = value(context);
          return empty(v) ? inverse(context) : fn(v);
        };
      case 'each':
        return (context) => {
          const v = value(context);
          if (!v || typeof v !== 'object') return inverse(context);
          if (!Array.isArray(v)) throw BAIL;
          if (v.length === 0) return inverse(context);
          let out = '';
          for (let i = 0; i < v.length; i++) if (i in v) out += fn(v[i]);
          return out;
        };
      default:
        return undefined;
    }
  };

  return { partial };
}
