/**
 * What the lists say reaches a terminal without control characters: a list
 * value with an escape sequence (clear the screen, recolour) or a bidi
 * override (text that reads in another order than it is) shows them as "·"
 * in the report for people, while the JSON report keeps the value as it is.
 */
import { describe, expect, it } from 'vitest';
import { terminalText } from '../../src/core/codeframe.js';
import { runCli } from '../helpers/cli.js';
import { DEPARTMENTS, oneItem, writeTree } from '../helpers/tree.js';

// Hidden characters: ESC (C0), C1 CSI, line break, right-to-left override, first-strong isolate, zero-width space.
const HIDDEN = ['\u001b', '\u009b', '\n', '\u202e', '\u2068', '\u200b'];

describe('terminalText', () => {
  it('shows each hidden character as a dot and keeps the rest', () => {
    for (const ch of HIDDEN) expect(terminalText(`食品${ch}[2J经营`)).toBe('食品·[2J经营');
    expect(terminalText('《中华人民共和国食品安全法》第一百一十条（2021 年修正）: a-b, “c”')).toBe('《中华人民共和国食品安全法》第一百一十条（2021 年修正）: a-b, “c”');
  });
});

/** An item whose name carries an escape sequence that would clear the screen, and a right-to-left override. */
const ITEMS = oneItem('"对食品经营者的\\e[2J监督检查\\u202e"');

describe('the report for people on a terminal', () => {
  const root = writeTree({ 'departments.yaml': DEPARTMENTS, 'items.yaml': ITEMS });

  it('quotes the name without its control characters, in Chinese and English', async () => {
    for (const lang of ['zh', 'en']) {
      const { stdout } = await runCli(['check', '.', '--no-cache', '--lang', lang], root);
      // The item's name is quoted (supervision-vacuum names the item it finds no inspection for).
      expect(stdout).toContain('对食品经营者的·[2J监督检查·');
      expect(stdout).not.toMatch(/[\u001b\u009b\u202e]/);
    }
  });

  it('leaves the value as it is in the JSON report', async () => {
    const { stdout } = await runCli(['check', '.', '--no-cache', '--format', 'json'], root);
    expect(stdout).toContain('对食品经营者的\\u001b[2J监督检查\u202e');
  });
});

describe('the diff for a terminal', () => {
  it('shows a changed name without its control characters', async () => {
    const root = writeTree({
      'before/departments.yaml': DEPARTMENTS,
      'before/items.yaml': ITEMS.replace('\\e[2J', '').replace('\\u202e', ''),
      'after/departments.yaml': DEPARTMENTS,
      'after/items.yaml': ITEMS,
    });
    const { stdout } = await runCli(['diff', 'before', 'after'], root);
    expect(stdout).toContain('+ 对食品经营者的·[2J监督检查·');
    expect(stdout).toContain('- 对食品经营者的监督检查');
    expect(stdout).not.toMatch(/[\u001b\u009b\u202e]/);
  });
});
