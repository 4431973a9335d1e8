/**
 * `quanlian detect`: runs community detection in a worker thread (progress bar; Ctrl-C cancels and
 * leaves the previous run current), and reads runs back:
 *   detect [--resolution R] [--seed N] [--min-size K] [--threshold T] [--rerun RUN] [--json]
 *   detect runs | detect communities [--run ID] [--flagged] | detect show COMMUNITY | detect compare A B
 */
import type { Command } from 'commander';
import { dbOptions } from '../../db/runtime/resolve.ts';
import { startDetectionJob } from '../../detect/jobs.ts';
import { STAGE_NAMES } from '../../detect/chains.ts';
import type { DetectParamsInput } from '../../detect/params.ts';
import {
  compareRuns,
  getCommunityDetail,
  getDetectionRun,
  listDetectionRuns,
  listRunCommunities,
} from '../../detect/service.ts';
import { action, numberOption, printJson, wholeOption, type JsonOption } from '../action.ts';
import { note, withDb } from '../context.ts';
import { ProgressBar } from '../progress.ts';

interface RunOptions extends JsonOption {
  resolution?: string;
  seed?: string;
  minSize?: string;
  threshold?: string;
  rerun?: string;
}

export function register(program: Command): void {
  const detect = program
    .command('detect')
    .description('find production-to-sale chains: project, Louvain, chains and scores; written as one run')
    .option('--resolution <r>', 'Louvain resolution (default 1; higher gives smaller communities)')
    .option('--seed <n>', 'random seed (default 42; the same seed on the same graph gives the same run)')
    .option('--min-size <k>', 'smallest community kept, consumers not counted (default 4)')
    .option('--threshold <t>', 'score from which a chain is flagged, 0–1 (default 0.75)')
    .option('--rerun <run>', 'run again with the parameters of an earlier run')
    .option('--json', 'print a one-line JSON summary')
    // Options after a subcommand (runs, show …) are the subcommand's own, even where names repeat.
    .enablePositionalOptions()
    .action(action(async (options: RunOptions) => run(options)));

  detect
    .command('runs')
    .description('list detection runs, newest first')
    .option('--json', 'print JSON')
    .action(
      action(async (options: JsonOption) =>
        withDb(async (db) => {
          const runs = await listDetectionRuns(db);
          if (options.json) return printJson({ runs });
          for (const r of runs)
            process.stdout.write(
              `${r.current ? '*' : ' '} ${r.id}  ${r.status.padEnd(9)} ${r.startedAt.slice(0, 19)}  ` +
                `resolution ${r.params.resolution} seed ${r.params.seed}` +
                (r.counts
                  ? `  ${r.counts.chains} chains, ${r.counts.flagged} flagged, modularity ${r.modularity?.toFixed(3)}`
                  : '') +
                (r.error ? `  (${r.error})` : '') +
                '\n',
            );
          if (runs.length === 0) process.stdout.write('no detection runs yet: run `quanlian detect`\n');
        }),
      ),
    );

  detect
    .command('communities')
    .description('communities of a run (default: the current run), best score first')
    .option('--run <id>', 'run id')
    .option('--flagged', 'only chains flagged as suspect')
    .option('--limit <n>', 'how many (default 20)')
    .option('--json', 'print JSON')
    .action(
      action(async (options: JsonOption & { run?: string; flagged?: boolean; limit?: string }) =>
        withDb(async (db) => {
          const limit = options.limit ? wholeOption(options.limit, '--limit', 1_000) : 20;
          const communities = await listRunCommunities(db, {
            runId: options.run ?? null,
            flaggedOnly: options.flagged === true,
            limit,
          });
          if (options.json) return printJson({ communities });
          if (communities.length === 0)
            process.stdout.write(
              options.run
                ? `run ${options.run}: no communities (or no such complete run)\n`
                : 'no current run: run `quanlian detect`\n',
            );
          for (const c of communities)
            process.stdout.write(
              `${c.flagged ? '!' : ' '} ${c.id}  score ${c.score.toFixed(2)}  ${c.size} members  ` +
                `${c.stages.map((s) => STAGE_NAMES[s as keyof typeof STAGE_NAMES]?.zh ?? s).join('→')}  ` +
                `${c.regions.length} regions  ${c.caseCount} cases  manufacturer: ${c.manufacturerName ?? '—'}\n`,
            );
        }),
      ),
    );

  detect
    .command('show')
    .description('one community: the chain by stage, ranked manufacturers, score breakdown, evidence')
    .argument('<community>', 'community id')
    .option('--json', 'print JSON')
    .action(
      action(async (id: string, options: JsonOption) =>
        withDb(async (db) => {
          const c = await getCommunityDetail(db, id);
          if (options.json) return printJson({ community: c });
          const out: string[] = [];
          out.push(`${c.id}  score ${c.score.toFixed(2)}${c.flagged ? '  FLAGGED 可疑' : ''}  run ${c.run.id}`);
          out.push(
            `regions ${c.regions.join(', ')}  brands ${c.brands.join('、') || '—'}  ${c.firstSeen ?? ''} – ${c.lastSeen ?? ''}`,
          );
          for (const s of c.chain)
            out.push(`  ${s.zh} / ${s.en}: ${s.members.map((m) => `${m.name ?? m.key} (${m.role})`).join('；')}`);
          out.push('manufacturers, ranked:');
          for (const m of c.manufacturers.slice(0, 3))
            out.push(`  ${m.score.toFixed(2)} ${m.name ?? m.key}: ${m.reasons.join('; ')}`);
          out.push('score breakdown:');
          for (const f of c.breakdown)
            out.push(`  ${f.factor.padEnd(10)} ${f.value.toFixed(2)} × ${f.weight}  ${f.detail}`);
          for (const g of c.gaps) out.push(`  gap: ${g}`);
          out.push(`evidence: ${c.evidence.length} items (--json for all, with batch:row provenance)`);
          process.stdout.write(out.join('\n') + '\n');
        }),
      ),
    );

  detect
    .command('compare')
    .description('compare the memberships of two runs (adjusted Rand index over common members)')
    .argument('<a>', 'run id')
    .argument('<b>', 'run id')
    .option('--json', 'print JSON')
    .action(
      action(async (a: string, b: string, options: JsonOption) =>
        withDb(async (db) => {
          const cmp = await compareRuns(db, a, b);
          if (options.json) return printJson({ comparison: cmp });
          process.stdout.write(
            `${cmp.common} members in both, ${cmp.onlyA} only in ${a}, ${cmp.onlyB} only in ${b}; ARI ${cmp.ari}\n`,
          );
        }),
      ),
    );
}

async function run(options: RunOptions): Promise<void> {
  await withDb(async (db, config, target) => {
    let params: DetectParamsInput = {};
    if (options.rerun) params = (await getDetectionRun(db, options.rerun)).params;
    if (options.resolution)
      params = { ...params, resolution: numberOption(options.resolution, '--resolution', 0.01, 20) };
    if (options.seed) params = { ...params, seed: wholeOption(options.seed, '--seed', 2 ** 31 - 1, 0) };
    if (options.minSize) params = { ...params, minSize: wholeOption(options.minSize, '--min-size', 10_000, 2) };
    if (options.threshold) params = { ...params, threshold: numberOption(options.threshold, '--threshold', 0, 1) };
    const bar = new ProgressBar();
    const job = startDetectionJob(dbOptions(config, target, { maxRetryTimeMs: 60_000 }), params, (p) =>
      bar.percent(`detect: ${p.phase}`, p.percent),
    );
    const cancel = () => {
      note('cancelling: the run is abandoned and the previous run stays current …');
      job.cancel();
    };
    process.once('SIGINT', cancel);
    try {
      const summary = await job.done;
      bar.done();
      if (options.json) return printJson({ ...summary });
      const c = summary.counts;
      process.stdout.write(
        `run ${summary.runId}: ${c.chains} chains (${c.flagged} flagged) in ${c.communities} communities; ` +
          `${c.nodes} parties, ${c.edges} weighted ties; modularity ${summary.modularity.toFixed(3)}; ` +
          `${summary.timings.total_s} s\n` +
          `now current${summary.previous ? ` (was ${summary.previous})` : ''}; see: quanlian detect communities --flagged\n`,
      );
    } finally {
      bar.done();
      process.off('SIGINT', cancel);
    }
  });
}
