/**
 * The CLI bundled for a fast start: `npm run build` runs this after tsc, and
 * bin/qingdan.js loads build/bundle/main.js. tsc writes our modules as some
 * 110 files, and `yaml` is 60 more: node resolves and reads each on its own,
 * which cost about 0.07 s of every run (a re-check after a one-file change
 * takes about 1 s at 100k entries). The bundle is a few files: what a check
 * needs in main.js and the chunks it shares, what other commands need
 * (build, diff, import, fmt) in chunks loaded when they run. The bundler is
 * rolldown, the one our test runner (vite) already installs.
 *
 * exceljs, handlebars and ajv stay packages of their own: they are loaded
 * when needed (a build; a schema a user wrote), and ajv's precompiled
 * validators require ajv's runtime by name. Modules that find files by their
 * own place (`import.meta.url`: package.json, the built-in kinds, the
 * templates, the worker scripts) are given their place in build/, so they find
 * the same files; worker threads run the modules in build/ as they are.
 */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const BUILD = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(BUILD, 'bundle');
const SEPARATE = ['exceljs', 'handlebars', 'ajv', 'ajv-formats'];

const bundle = await rolldown({
  input: { main: join(BUILD, 'cli/main.js') },
  platform: 'node',
  external: (id) => id.startsWith('node:') || SEPARATE.some((name) => id === name || id.startsWith(`${name}/`)),
  plugins: [
    {
      name: 'own-place',
      transform(code, id) {
        if (!code.includes('import.meta.url')) return null;
        const place = `new URL(${JSON.stringify(relative(OUT, id))}, import.meta.url).href`;
        return { code: code.replaceAll('import.meta.url', place) };
      },
    },
  ],
});
rmSync(OUT, { recursive: true, force: true });
await bundle.write({ dir: OUT, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
await bundle.close();
