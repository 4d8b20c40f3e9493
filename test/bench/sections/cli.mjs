/**
 * Bench sections for whole command runs on a generated tree (generate.mjs):
 * ajv-cli validating the same files against the same schemas (the baseline;
 * its YAML goes through js-yaml 3; it stops at the first file it cannot
 * parse, so it is given the files without YAML syntax errors), `qingdan validate`, `qingdan check` cold
 * (no cache) and warm (the cache filled, then one file changed), and
 * `qingdan build`. Each command is its own process; its time is wall-clock,
 * its CPU and peak RSS come from the process itself (usage.mjs). A case runs
 * BENCH_REPEAT times (default: 3 below 100k entries, else 1) and keeps the
 * fastest run: the machine may be busy with other work.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from '../generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const bin = join(repo, 'bin/qingdan.js');
const ajv = join(repo, 'node_modules/ajv-cli/dist/index.js');
const usageHook = join(here, 'usage.mjs');
const KINDS = ['departments', 'laws', 'items', 'inspections', 'leniency', 'key-supervision'];

/** The generated tree of `entries` entries, made once and kept in test/bench/out/trees/, with what generate.mjs says of it. */
function tree(entries) {
  const dir = join(here, '../out/trees', String(entries));
  const stamp = join(dir, '.generated.json');
  const generator = statSync(join(here, '../generate.mjs')).mtimeMs;
  const made = existsSync(stamp) ? JSON.parse(readFileSync(stamp, 'utf8')) : undefined;
  if (made?.generator === generator) return { dir, summary: made.summary };
  process.stderr.write(`    generating ${entries.toLocaleString('en')} entries …\n`);
  const summary = generateTree({ entries, out: dir, perFile: 1000, seed: 1 });
  writeFileSync(stamp, JSON.stringify({ generator, summary }));
  return { dir, summary };
}

function listFiles(dir, under = '') {
  return readdirSync(join(dir, under)).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const path = join(under, name);
    return statSync(join(dir, path)).isDirectory() ? listFiles(dir, path) : [path];
  });
}

function sizeOf(path) {
  const stat = statSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0) : stat.size;
}

/** Run a node script as its own process: wall time, CPU time and peak RSS. */
function measure(script, args, cwd) {
  const usageFile = join(here, '../out', `usage-${process.pid}.json`);
  rmSync(usageFile, { force: true });
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', usageHook, script, ...args], {
    cwd,
    env: { ...process.env, QINGDAN_BENCH_USAGE: usageFile, SOURCE_DATE_EPOCH: '1767225600' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if ((r.status !== 0 && r.status !== 1) || !existsSync(usageFile)) {
    // A failed run (out of memory, say) shows as NaN in the table; its error goes to the terminal.
    process.stderr.write(`    ${script} ${args.join(' ')}: exit ${r.status ?? r.signal}\n${String(r.stderr).slice(-2000)}\n`);
    return { seconds: NaN, cpuSeconds: NaN, maxRssMB: NaN };
  }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  rmSync(usageFile, { force: true });
  return { seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMB: usage.maxRSS / 1024 };
}

/** Several measured runs together: times and CPU add up, the peak RSS is the highest. */
function sum(runs) {
  return runs.reduce((a, b) => ({ seconds: a.seconds + b.seconds, cpuSeconds: a.cpuSeconds + b.cpuSeconds, maxRssMB: Math.max(a.maxRssMB, b.maxRssMB) }));
}

/** The fastest of `times` runs, each prepared by `before`. */
function best(times, before, once) {
  let fastest;
  for (let i = 0; i < times; i++) {
    before();
    const m = once();
    if (!fastest || m.seconds < fastest.seconds || Number.isNaN(fastest.seconds)) fastest = m;
  }
  return fastest;
}

/**
 * The one-file changes a warm re-check follows: a comment (what the check
 * reads is unchanged); one inspection's legal basis (read by the rules of
 * file scope alone); one inspection's name (read by rules over all lists:
 * near-duplicate, duplicate-entry, joint-inspection …, which run again).
 */
const WARM_EDITS = {
  'check-warm': (text) => `${text}# changed ${Date.now()}\n`,
  'check-warm-basis': (text) => text.replace(/^( {4}basis: .*)$/m, '$1、第一条'),
  'check-warm-name': (text) => text.replace(/^( {4}name: .*)$/m, '$1（修订）'),
};

export function cliSection(entries, { optIn = false } = {}) {
  const label = entries >= 1_000_000 ? `${entries / 1_000_000}m` : `${entries / 1000}k`;
  const repeat = Number(process.env.BENCH_REPEAT ?? (entries <= 100_000 ? 3 : 1));
  const run = async (caseId) => {
    const { dir, summary } = tree(entries);
    const cacheDir = join(dir, '.qingdan-cache');
    const dropCache = () => rmSync(cacheDir, { recursive: true, force: true });
    const qingdan = (...args) => measure(bin, args, dir);
    let result;
    switch (caseId) {
      case 'ajv': {
        const schemas = join(dir, '.schemas');
        execFileSync(process.execPath, [bin, 'schema', '--out', schemas, '--lists', '.'], { cwd: dir, stdio: 'ignore' });
        // ajv-cli stops at the first file it cannot parse: it gets the files without YAML syntax errors.
        const all = listFiles(dir).filter((f) => f.endsWith('.yaml') && f !== 'qingdan.config.yaml' && !summary.syntaxFiles.includes(f));
        const ofKind = (kind) => all.filter((f) => f === `${kind}.yaml` || f.split('/').pop().startsWith(`${kind}-`)).flatMap((f) => ['-d', f]);
        result = best(repeat, () => {}, () =>
          sum(KINDS.map((kind) => measure(ajv, ['validate', '--spec=draft2020', '--all-errors', '--strict=false', '-c', 'ajv-formats', '-s', join(schemas, `${kind}.schema.json`), ...ofKind(kind)], dir))),
        );
        break;
      }
      case 'validate':
        result = best(repeat, () => {}, () => qingdan('validate', '.', '--no-cache'));
        break;
      case 'check-cold':
        result = best(repeat, dropCache, () => qingdan('check', '.'));
        break;
      case 'check-warm':
      case 'check-warm-basis':
      case 'check-warm-name': {
        const changed = join(dir, 'market/inspections-0001.yaml');
        const original = readFileSync(changed);
        // Each warm run is paired with the cold run that filled its cache, just before it: their ratio
        // is taken within a few seconds, where the cold check's own case ran minutes apart.
        const paired = [];
        let cold;
        try {
          result = best(repeat, () => {
            // The cache as a cold run leaves it, then one file changed.
            writeFileSync(changed, original);
            dropCache();
            cold = qingdan('check', '.');
            writeFileSync(changed, WARM_EDITS[caseId](original.toString('utf8')));
          }, () => {
            const warm = qingdan('check', '.');
            paired.push(warm.seconds / cold.seconds);
            return warm;
          });
          result.paired = paired;
        } finally {
          writeFileSync(changed, original);
        }
        break;
      }
      case 'build': {
        const out = join(dir, '.dist');
        result = best(repeat, () => rmSync(out, { recursive: true, force: true }), () => qingdan('build', '.', '--out', out, '--force', '--quiet'));
        result.bytes = sizeOf(out);
        rmSync(out, { recursive: true, force: true });
        break;
      }
      default:
        throw new Error(`unknown case ${caseId}`);
    }
    return { ...result, rows: entries };
  };
  const cases = [
    { id: 'ajv', label: 'ajv-cli validate, per kind (baseline)', baseline: true },
    { id: 'validate', label: 'qingdan validate --no-cache' },
    { id: 'check-cold', label: 'qingdan check, cold' },
    { id: 'check-warm', of: 'check-cold', label: 'qingdan check, warm (a comment added to one file)' },
    { id: 'check-warm-basis', of: 'check-cold', label: 'qingdan check, warm (one legal basis edited)' },
    { id: 'check-warm-name', of: 'check-cold', label: "qingdan check, warm (one inspection's name edited)" },
  ];
  if (existsSync(join(repo, 'build/cli/commands/build.js'))) cases.push({ id: 'build', label: 'qingdan build --force (xlsx, csv/json, site)' });
  // BENCH_CASES=ajv,validate runs only these cases (the baseline always).
  const only = process.env.BENCH_CASES?.split(',');
  if (only) cases.splice(0, cases.length, ...cases.filter((c) => c.baseline || only.includes(c.id)));
  return {
    name: `cli-${label}`,
    title: `${entries.toLocaleString('en')} entries, in files of 1,000`,
    note: 'Whole commands, each its own process: time is wall-clock; CPU is user + system of all its threads; peak RSS is that process’s. Fastest of BENCH_REPEAT runs. Warm: the cache as a cold `check` leaves it, then one file changed (a comment; a legal basis; a name).',
    optIn,
    cases,
    run,
  };
}

mkdirSync(join(here, '../out'), { recursive: true });
