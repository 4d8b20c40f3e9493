#!/usr/bin/env node
/**
 * Benchmarks (`npm run bench`, after the TypeScript build). Each section is a
 * module with `{ name, title, cases: [{ id, label, baseline? }], run(caseId) }`;
 * every case runs in a child process of its own, so that its peak RSS
 * (process.resourceUsage().maxRSS) is its own, and is compared with the
 * section's baseline case from the same run. The table is printed and written
 * to test/bench/out/results.md.
 *
 * A new section is one module and one line in SECTIONS. A section may add a
 * `note` under its heading, report `maxRssMB` of a process it measured itself,
 * and be `optIn` (run only when asked). A case with `of: <case id>` is also
 * given as a ratio to that case of its section.
 *   node test/bench/run.mjs [section…]      run some sections only
 *   node test/bench/run.mjs --full          also the opt-in sections (BENCH_FULL=1)
 *   BENCH_ENTRIES=20000 node test/bench/run.mjs   a smaller list
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));

/** Section modules, in the order they run. */
const SECTIONS = ['./workbook.mjs', './sections/cli-10k.mjs', './sections/cli-100k.mjs', './sections/cli-1m.mjs'];

/** Sections marked optIn (the 1M-entry tree) run only with --full or BENCH_FULL=1. */
const FULL = process.argv.includes('--full') || process.env.BENCH_FULL === '1';

async function child(sectionFile, caseId) {
  const section = (await import(pathToFileURL(join(here, sectionFile)).href)).default;
  const result = await section.run(caseId);
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  // A section that measures another process reports that process's peak RSS.
  process.stdout.write(JSON.stringify({ maxRssMB, ...result }) + '\n');
}

function measure(sectionFile, caseId) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', sectionFile, caseId], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

const fmt = (n, digits = 2) => n.toFixed(digits);
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main(only) {
  const lines = [
    '# qingdan benchmarks',
    '',
    `node ${process.version}, ${process.platform} ${process.arch}, ${os.cpus().length} CPU(s), load ${os.loadavg()[0].toFixed(1)} at the start; every case in its own process.`,
    'Time is wall-clock time of the write alone; CPU is user + system time of the write (all threads, so zlib counts); peak RSS is the whole process (the generated list included, the same for every case).',
    '',
  ];
  for (const file of SECTIONS) {
    const section = (await import(pathToFileURL(join(here, file)).href)).default;
    if (only.length > 0 && !only.includes(section.name)) continue;
    if (section.optIn && !FULL && !only.includes(section.name)) continue;
    process.stderr.write(`${section.name}: ${section.title}\n`);
    const results = [];
    for (const c of section.cases) {
      process.stderr.write(`  ${c.label} …\n`);
      results.push({ case: c, ...measure(file, c.id) });
    }
    const base = results.find((r) => r.case.baseline) ?? results[0];
    lines.push(`## ${section.name}: ${section.title}`, '');
    if (section.note) lines.push(section.note, '');
    lines.push('| case | rows | output (MB) | time (s) | × baseline | CPU (s) | × baseline | peak RSS (MB) | × baseline |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results) {
      const cpu = r.cpuSeconds !== undefined ? `${fmt(r.cpuSeconds)} | ${fmt(r.cpuSeconds / base.cpuSeconds)}` : ' | ';
      lines.push(
        `| ${r.case.label} | ${r.rows ?? ''} | ${r.bytes !== undefined ? fmt(r.bytes / 1024 / 1024, 1) : ''} | ${fmt(r.seconds)} | ${fmt(r.seconds / base.seconds)} | ${cpu} | ${fmt(r.maxRssMB, 0)} | ${fmt(r.maxRssMB / base.maxRssMB)} |`,
      );
    }
    lines.push('');
    // A case measured against another of its section (a warm re-check against the cold check): that ratio too.
    const relative = results.filter((r) => r.case.of);
    for (const r of relative) {
      const ref = results.find((x) => x.case.id === r.case.of);
      if (!ref) continue;
      let line = `- ${r.case.label}: ${fmt(r.seconds / ref.seconds, 3)} × ${ref.case.label} (CPU: ${fmt(r.cpuSeconds / ref.cpuSeconds, 3)} ×)`;
      // A case may also time, in each repetition, its reference run just before it (paired: less drift between them).
      if (r.paired?.length > 0) line += `; paired with the run just before each: ${r.paired.map((x) => fmt(x, 3)).join(', ')} (median ${fmt(median(r.paired), 3)})`;
      lines.push(line);
    }
    if (relative.length > 0) lines.push('');
  }
  const text = lines.join('\n');
  process.stdout.write(text + '\n');
  const outDir = join(here, 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.md'), text + '\n');
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1], args[2]);
else await main(args.filter((a) => a !== '--full'));
