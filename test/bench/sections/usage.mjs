/**
 * Loaded with `node --import` into a measured process: at exit, write the
 * process's resource usage (peak RSS, CPU time of all its threads) to the
 * file named by QINGDAN_BENCH_USAGE.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.QINGDAN_BENCH_USAGE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.resourceUsage())));
