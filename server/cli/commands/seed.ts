/**
 * `quanlian seed`: writes realistic multi-region export files with planted counterfeit networks and
 * their ground truth (truth.json) into a directory. Identity keys in the truth use this instance's
 * HMAC key, so they match what `quanlian ingest` will compute on the same files.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { ValidationError } from '../../errors.ts';
import { loadSecrets } from '../../secrets.ts';
import { generateSeed } from '../../../seed/index.ts';
import { action, printJson, type JsonOption } from '../action.ts';
import { note } from '../context.ts';

interface SeedCliOptions extends JsonOption {
  size: 'demo' | 'medium' | 'large';
  seed: string;
  out: string;
  encoding: 'utf8' | 'gbk';
  xlsx?: boolean;
}

export function register(program: Command): void {
  program
    .command('seed')
    .description('write synthetic multi-region exports with planted networks and truth.json')
    .addOption(
      new Option('--size <size>', 'demo ≈ 5k records, medium ≈ 100k, large ≈ 1M')
        .choices(['demo', 'medium', 'large'])
        .default('demo'),
    )
    .option('--seed <n>', 'random seed: the same seed gives byte-identical files', '1')
    .requiredOption('--out <dir>', 'output directory (created if missing)')
    .addOption(
      new Option('--encoding <encoding>', 'CSV encoding (gbk = GB18030-encoded, GBK-compatible)')
        .choices(['utf8', 'gbk'])
        .default('utf8'),
    )
    .option('--xlsx', 'write .xlsx workbooks instead of CSV')
    .option('--json', 'print a one-line JSON summary')
    .action(
      action(async (options: SeedCliOptions) => {
        const seed = Number(options.seed);
        if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) {
          throw new ValidationError(
            `quanlian/seed: --seed must be an integer from 0 to ${2 ** 31 - 1}, got "${options.seed}"`,
          );
        }
        const { hmacKey } = loadSecrets(loadConfig());
        const started = performance.now();
        const outDir = path.resolve(options.out);
        if (!options.json) note(`seeding ${options.size} (seed ${seed}) into ${outDir} …`);
        const summary = await generateSeed({
          size: options.size,
          seed,
          outDir,
          encoding: options.encoding,
          xlsx: options.xlsx === true,
          hmacKey,
        });
        const seconds = Math.round((performance.now() - started) / 10) / 100;
        if (options.json) return printJson({ ...summary, seconds });
        process.stdout.write(
          `${summary.records} records in ${summary.files} files (${summary.networks} planted networks, ${summary.invalidRows} invalid rows) in ${seconds}s\ntruth: ${summary.truthFile}\n`,
        );
      }),
    );
}
