/**
 * Benchmark: `quanlian seed --size large` into a temp dir, timed, with the peak RSS of the child
 * process as the kernel reports it (VmHWM from /proc, sampled until exit; getrusage as fallback).
 * The child runs the real `seed` subcommand (server/cli/commands/seed.ts) in a fresh process.
 * Targets (issue 3): ≤ 60 s and ≤ 1 GiB. Prints one JSON line last.
 * Usage: npx tsx bench/seed.ts [--size large] [--seed 1] [--keep]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { register } from '../server/cli/commands/seed.ts';

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const program = new Command('quanlian');
  register(program);
  await program.parseAsync(args.slice(1), { from: 'user' });
  process.exit(process.exitCode ?? 0);
}
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const size = arg('size', 'large');
const seed = arg('seed', '1');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'quanlian-bench-seed-'));
const root = path.resolve(import.meta.dirname, '..');

function peakKiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const started = performance.now();
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    path.join(root, 'bench/seed.ts'),
    '--child',
    'seed',
    '--size',
    size,
    '--seed',
    seed,
    '--out',
    out,
    '--json',
  ],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let stdout = '';
child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, peakKiB(child.pid ?? 0))), 100);
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
clearInterval(timer);
const seconds = (performance.now() - started) / 1000;
// The child's own high-water mark if sampling missed the end; getrusage covers the largest child.
peak = Math.max(peak, process.resourceUsage().maxRSS);
const files = fs.readdirSync(out);
const bytes = files.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0);
if (!args.includes('--keep')) fs.rmSync(out, { recursive: true, force: true });
if (code !== 0) {
  process.stderr.write(`bench/seed: quanlian seed exited with ${code}\n${stdout}`);
  process.exit(1);
}
const summary = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
  records?: number;
  files?: number;
  networks?: number;
};
process.stdout.write(
  JSON.stringify({
    bench: 'seed',
    size,
    seed: Number(seed),
    records: summary.records,
    files: summary.files,
    networks: summary.networks,
    outputMiB: Math.round(bytes / 2 ** 20),
    seconds: Math.round(seconds * 10) / 10,
    peakRssMiB: Math.round(peak / 1024),
    targets: { seconds: 60, peakRssMiB: 1024 },
    ok: seconds <= 60 && peak / 1024 <= 1024,
  }) + '\n',
);
