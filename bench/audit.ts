/**
 * The admin's audit list on a log of millions of events: one page (100 events) per filter, through
 * the same `listEvents` the API calls. The bench set's log holds what earlier bench:api runs
 * audited; below `--events` (default 1,000,000) it is topped up first with events of one filler
 * actor, as an API process would append them (group commit, hash chain). Each filter runs `--runs`
 * times (default 5); the median counts.
 *
 *   npm run bench:audit -- --size medium [--events 1000000] [--runs 5]
 *
 * Prints one JSON line last: {bench, size, events, runs, max_ms, by_filter: {name: {ms, items}}}.
 */
import { parseArgs } from 'node:util';
import { AuditLog, listEvents, type AuditFilter } from '../server/audit/log.ts';
import { SizeSchema } from '../seed/index.ts';
import { benchDataset } from './dataset.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'medium' },
    seed: { type: 'string', default: '7' },
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    'yes-reset': { type: 'boolean', default: false },
  },
});
const size = SizeSchema.parse(values.size);
const want = Number(values.events);
const runs = Number(values.runs);
const log = (line: string) => process.stderr.write(`[bench:audit] ${line}\n`);
const data = await benchDataset(size, Number(values.seed), { log, allowReset: values['yes-reset'] });

const FILLER = 'bench-audit-filler';
const RARE = 'bench-audit-rare';
const count = async () => Number((await data.db.adhocRead('MATCH (h:AuditHead) RETURN h.seq AS n'))[0]?.n ?? 0);

try {
  let events = await count();
  if (events < want) {
    log(`the log holds ${events} events; appending ${want - events} …`);
    const audit = new AuditLog(data.db);
    const actions = ['entity.read', 'entity.expand', 'search', 'trace'];
    for (let done = events; done < want;) {
      const n = Math.min(10_000, want - done);
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          audit.record({
            actor: (done + i) % 50_000 === 0 ? RARE : FILLER,
            role: 'analyst',
            action: actions[(done + i) % actions.length] as string,
            outcome: (done + i) % 997 === 0 ? 'denied' : 'ok',
            target: `bench:${done + i}`,
          }),
        ),
      );
      done += n;
    }
    await audit.flush();
    events = await count();
  }
  const [span] = await data.db.adhocRead(
    `MATCH (a:AuditEvent) WHERE a.seq IN [1, $middle, $last] WITH a ORDER BY a.seq RETURN collect(a.at) AS at`,
    { middle: Math.floor(events / 2), last: events },
  );
  const [first = '', middle = '', last = ''] = (span?.at as string[] | undefined) ?? [];
  const minus = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString();
  const busy = String(
    (await data.db.adhocRead('MATCH (a:AuditEvent {seq: $s}) RETURN a.actor AS a', { s: events }))[0]?.a,
  );
  const filters: Record<string, Omit<AuditFilter, 'limit'>> = {
    newest: {},
    busy_actor: { actor: busy },
    rare_actor: { actor: RARE },
    absent_actor: { actor: 'bench-audit-nobody' },
    denied: { outcome: 'denied' },
    busy_actor_error: { actor: busy, outcome: 'error' },
    action_prefix: { action: 'entity' },
    action_and_actor: { action: 'search', actor: busy },
    last_hour: { since: minus(last, 3_600_000) },
    middle_minute: { since: minus(middle, 60_000), until: middle },
    before_the_log: { until: minus(first, 86_400_000) },
  };
  const byFilter: Record<string, { ms: number; items: number }> = {};
  for (const [name, filter] of Object.entries(filters)) {
    const times: number[] = [];
    let items = 0;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      items = (await listEvents(data.db, { ...filter, limit: 100 })).items.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    byFilter[name] = { ms: Math.round((times[Math.floor(runs / 2)] ?? 0) * 10) / 10, items };
    log(`${name}: ${byFilter[name].ms} ms, ${items} events`);
  }
  console.log(
    JSON.stringify({
      bench: 'audit',
      size,
      events,
      runs,
      max_ms: Math.max(...Object.values(byFilter).map((f) => f.ms)),
      by_filter: byFilter,
    }),
  );
} finally {
  await data.close();
}
