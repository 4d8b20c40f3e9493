import { describe, expect, it } from 'vitest';
import { codeFrame, displayWidth } from '../../src/core/codeframe.js';

describe('display width', () => {
  it('counts CJK characters and full-width punctuation as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('食品安全法')).toBe(10);
    expect(displayWidth('《法》，')).toBe(8);
    expect(displayWidth('a\u200bb')).toBe(2);
  });
});

describe('code frame', () => {
  it('puts the caret under the character after Chinese text', () => {
    const text = 'kind: items\n    basis: 《食品安全法》第一百二十六十条\n';
    const line = text.split('\n')[1]!;
    const column = line.indexOf('一百') + 1;
    const frame = codeFrame(text, 2, column, column + 6, { context: 0 });
    const [src, caret] = frame.split('\n');
    // Both lines share the gutter, so the caret's display column equals the text's.
    const prefix = src!.slice(0, src!.indexOf('|') + 2);
    const before = src!.slice(prefix.length, prefix.length + column - 1);
    expect(caret!.indexOf('^')).toBe(prefix.length + displayWidth(before));
    expect(caret!.trimEnd().endsWith(' ' + '^'.repeat(12))).toBe(true);
  });

  it('cuts very long lines around the column and keeps the caret on the right character', () => {
    const long = 'x'.repeat(500) + '错' + 'y'.repeat(500);
    const frame = codeFrame(long, 1, 501, 502, { context: 0, maxWidth: 80 });
    const [src, caret] = frame.split('\n');
    expect(src!.length).toBeLessThan(120);
    const at = caret!.indexOf('^');
    // The character above the caret (counting display width) is 错.
    const head = src!.slice(0, src!.indexOf('错'));
    expect(displayWidth(head)).toBe(at);
  });

  it('shows invisible characters', () => {
    const frame = codeFrame('a\u200bb', 1, 2, undefined, { context: 0 });
    expect(frame).toContain('a·b');
  });
});
