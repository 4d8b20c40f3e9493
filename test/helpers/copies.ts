/**
 * Entries written twice: for each department of a generated tree (generate.mjs),
 * a second file of its inspections, items and leniency with the first eight
 * entries of the first again under new codes: the same, nearly the same
 * (a character added), under another department, under one the registry does
 * not know, not sampled at random. Duplicates, near-duplicates and joint
 * inspections across files, for the rules over all lists.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeCopies(root: string): void {
  for (const department of readdirSync(root)) {
    for (const kind of ['inspections', 'items', 'leniency']) {
      const from = join(root, department, `${kind}-0001.yaml`);
      if (!existsSync(from)) continue;
      const text = readFileSync(from, 'utf8');
      const head = text.slice(0, text.indexOf('entries:\n') + 'entries:\n'.length);
      const blocks = text.slice(head.length).split(/\n(?= {2}- )/).filter((b) => b.startsWith('  - ')).slice(0, 8);
      const again = blocks.map((block, k) => {
        let out = block.trimEnd().replace(/(code: [A-Z-]+-)\d/, '$19');
        if (k % 3 === 1) out = out.replace(/^( {4}(?:name|violation): .*)$/m, '$1等');
        if (k === 5) out += '\n    department: health';
        if (k === 6) out += '\n    department: 区食药监局';
        if (k === 7) out = out.replace('random: true', 'random: false');
        return out;
      });
      writeFileSync(join(root, department, `${kind}-9999.yaml`), `${head}${again.join('\n')}\n`);
    }
  }
}
