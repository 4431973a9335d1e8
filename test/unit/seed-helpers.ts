/** Shared by the seed tests: generate a small run into a fresh temp dir and read its outputs back. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSeed, type SeedOptionsInput, type SeedSummary } from '../../seed/index.ts';

export const TEST_KEY = Buffer.from('5eed'.repeat(16), 'hex');

export async function seedInto(
  options: Partial<SeedOptionsInput> = {},
): Promise<{ dir: string; summary: SeedSummary }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-seed-'));
  const summary = await generateSeed({ size: 'demo', seed: 11, outDir: dir, hmacKey: TEST_KEY, ...options });
  return { dir, summary };
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** CSV text of a UTF-8 file without its BOM, split into lines (CRLF). */
export function csvLines(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
