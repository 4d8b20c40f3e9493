/**
 * The attachments as a reader's office suite opens them: LibreOffice converts
 * every workbook of a build to PDF. Runs where `soffice` (or `libreoffice`) is
 * on PATH (Debian: apt-get install libreoffice-calc-nogui poppler-utils
 * fonts-noto-cjk); skipped elsewhere. With poppler's pdfinfo and pdftotext it
 * also checks the pages are landscape A4 and the Chinese text came through.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFixture, fixtureTree } from './fixtures.js';

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const soffice = ['soffice', 'libreoffice'].find(onPath);
const poppler = onPath('pdfinfo') && onPath('pdftotext');
const title = soffice
  ? 'converts every workbook of a build to a non-empty PDF'
  : 'converts every workbook to PDF — skipped: LibreOffice (soffice) is not on PATH; apt-get install libreoffice-calc-nogui';

describe('LibreOffice', () => {
  it.skipIf(!soffice)(title, { timeout: 180_000 }, async () => {
    const built = await buildFixture(fixtureTree());
    const workbooks = readdirSync(built.outDir).filter((f) => f.endsWith('.xlsx'));
    expect(workbooks.length).toBe(3);
    const pdfDir = mkdtempSync(join(tmpdir(), 'qingdan-pdf-'));
    const profile = pathToFileURL(mkdtempSync(join(tmpdir(), 'qingdan-lo-profile-'))).href;
    execFileSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...workbooks], {
      cwd: built.outDir,
      stdio: 'ignore',
      timeout: 170_000,
    });
    for (const workbook of workbooks) {
      const pdf = join(pdfDir, workbook.replace(/\.xlsx$/, '.pdf'));
      expect(statSync(pdf).size, pdf).toBeGreaterThan(1000);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      if (!poppler) continue;
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
      expect(size, info).not.toBeNull();
      const [width, height] = [Number(size![1]), Number(size![2])];
      expect(Math.round(width)).toBe(842); // A4, landscape
      expect(Math.round(height)).toBe(595);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain(workbook.slice(0, 3)); // 附件N
      expect(text).toContain('北京市大兴区');
      expect(text).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
      expect(text).toContain('备注');
    }
  });
});
