/**
 * Expands the PATH arguments of `quanlian ingest` into source files: files as given, directories
 * walked (sorted, so loads are reproducible), skipping what Quanlian itself writes beside exports
 * (manifests, truth.json, rejects and reports) and hidden files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../errors.ts';

const SOURCE = /\.(csv|tsv|txt|xlsx|jsonl|ndjson)$/i;
const OWN = /(\.manifest\.json|\.rejects\.csv|\.report\.json|^truth\.json)$/;

export function expandPaths(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (!fs.existsSync(input)) throw new ValidationError(`quanlian/ingest: ${input}: no such file or directory`);
    if (fs.statSync(input).isDirectory()) {
      for (const entry of fs.readdirSync(input, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name.startsWith('.') || OWN.test(entry.name)) continue;
        const full = path.join(input, entry.name);
        if (entry.isDirectory()) out.push(...expandPaths([full]));
        else if (SOURCE.test(entry.name)) out.push(full);
      }
    } else {
      out.push(input);
    }
  }
  return out;
}
