/**
 * API latency under load (DESIGN.md §9: 32 concurrent clients, mixed read workload, p95 ≤ 50 ms,
 * zero errors). The server runs as its own process (`quanlian serve`) on a loaded bench set, signed
 * in as an analyst with province-wide scope; 32 keep-alive clients loop over a mixed workload —
 * search 30 %, entity detail 30 %, expand 25 %, trace (depth 4) 15 % — for `--seconds`. Every call
 * is a real, audited request. A warm-up runs the same mix first and is not counted: by default
 * (`--warmup auto`) in rounds of 10 s until two rounds in a row differ by under 5 % in requests
 * served (at most 120 s), so a Neo4j this bench has just started is measured with its JIT warm, as a
 * running server would be; `--warmup N` warms up for N seconds instead. `warmup_s` reports it.
 * `--ops trace` (or any comma-separated part of the mix) runs only those ops, to see what each costs.
 * Two ops outside the mix measure floors: `me` (the signed-in user: the request pipeline with no
 * database work) and `missing` (the detail of a key that names nothing: the cheapest audited read).
 *
 *   npm run bench:api -- --size medium [--seconds 30] [--connections 32] [--warmup auto|N] [--ops search,trace]
 *
 * Prints one JSON line last: {bench, size, connections, seconds, warmup_s, requests, errors, rps, p50_ms,
 * p95_ms, p99_ms, by_op: {op: {requests, p95_ms}}, cpu_ms_per_request: {server, neo4j, client}}:
 * the CPU time the server process, Neo4j (when this bench runs it locally; else null) and this
 * client each spent per counted request. On one machine they share its cores, so their sum bounds
 * the request rate: rps ≤ cores × 1000 / sum.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addUser } from '../server/auth/users.ts';
import { PROJECT_ROOT } from '../server/config.ts';
import { localRuntime } from '../server/db/runtime/resolve.ts';
import { SizeSchema } from '../seed/index.ts';
import { benchDataset } from './dataset.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'medium' },
    seed: { type: 'string', default: '7' },
    seconds: { type: 'string', default: '30' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: 'auto' },
    ops: { type: 'string', default: 'search,detail,expand,trace' },
    'yes-reset': { type: 'boolean', default: false },
  },
});
const size = SizeSchema.parse(values.size);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
if (values.warmup !== 'auto' && !(Number(values.warmup) >= 0))
  throw new Error(`--warmup: give auto or a number of seconds, not ${values.warmup}`);
const log = (line: string) => process.stderr.write(`[bench:api] ${line}\n`);
const data = await benchDataset(size, Number(values.seed), { log, allowReset: values['yes-reset'] });

const USER = 'bench-analyst';
const PASSWORD = 'bench-password-not-secret';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) a process has used so far; null when it cannot be read (not Linux). */
function procCpu(pid: number | null | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}
const processCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// The clients share this machine's cores with the server and Neo4j, so they use node:http with
// keep-alive sockets (one per client), which costs a fraction of what fetch does per request.
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
function get(pathAndQuery: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathAndQuery, agent, headers: { cookie } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? -1));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
const server = spawn(
  process.execPath,
  [path.join(PROJECT_ROOT, 'bin', 'quanlian.mjs'), 'serve', '--port', String(port)],
  {
    env: {
      ...process.env,
      NEO4J_URI: data.target.uri,
      NEO4J_USER: data.target.user,
      NEO4J_PASSWORD: data.target.password,
      QUANLIAN_HMAC_KEY: Buffer.alloc(32, 7).toString('hex'),
      QUANLIAN_ENC_KEY: Buffer.alloc(32, 8).toString('hex'),
      QUANLIAN_DATA_DIR: data.config.paths.dataDir,
      QUANLIAN_LOGIN_RATE: '100000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
try {
  const [exists] = await data.db.adhocRead('MATCH (u:User {username: $u}) RETURN count(u) AS n', { u: USER });
  if (!Number(exists?.n))
    await addUser(data.db, { username: USER, role: 'analyst', regions: ['360000'], password: PASSWORD }, 'bench');

  // Inputs, sampled once: parties to read and expand, sellers to trace, words to search for.
  const parties = (
    await data.db.adhocRead(
      `MATCH (n:Company) WITH n ORDER BY n.key LIMIT 3000 RETURN n.key AS key, n.name AS name
       UNION ALL MATCH (n:Person) WITH n ORDER BY n.key LIMIT 2000 RETURN n.key AS key, n.name AS name
       UNION ALL MATCH (n:Shop) WITH n ORDER BY n.key LIMIT 1000 RETURN n.key AS key, n.name AS name`,
    )
  ).map((r) => ({ key: String(r.key), name: String(r.name ?? '') }));
  const sellers = (
    await data.db.adhocRead(
      `MATCH (p:Company) WHERE EXISTS { (p)<-[:SENT_TO]-(:Shipment) } AND EXISTS { (p)<-[:SENT_BY]-(:Shipment) }
       WITH p ORDER BY p.key LIMIT 500 RETURN p.key AS key`,
    )
  ).map((r) => String(r.key));
  const words = parties
    .filter((p) => p.key.startsWith('uscc:') || p.key.startsWith('name:'))
    .map((p) => p.name.replace(/^(江西省?|南昌市?|上饶市?|九江市?|宜春市?|抚州市?)/, '').slice(0, 4))
    .filter((w) => w.length >= 2);
  log(`${parties.length} parties, ${sellers.length} sellers, ${words.length} search words sampled`);

  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${base}/readyz`);
      await r.arrayBuffer();
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error('the server did not become ready in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER, password: PASSWORD }),
  });
  const cookie = String(login.headers.get('set-cookie')).split(';')[0] as string;
  await login.arrayBuffer();
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);

  let state = 7;
  const rnd = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const enc = encodeURIComponent;
  const mix: [string, number, () => string][] = [
    ['search', 0.3, () => `/api/search?q=${enc(pick(words))}&limit=20`],
    ['detail', 0.3, () => `/api/entities/${enc(pick(parties).key)}`],
    ['expand', 0.25, () => `/api/entities/${enc(pick(parties).key)}/neighbours?limitPerType=25`],
    ['trace', 0.15, () => `/api/trace/${enc(pick(sellers))}?depth=4`],
    // Not in the default mix: the signed-in user, with no database work and no audit, so `--ops me`
    // measures the floor of this stack (HTTP, session, route checks, response schema, JSON).
    ['me', 0.3, () => '/api/auth/me'],
    // Not in the default mix either: the detail of a key that names nothing, so `--ops missing`
    // measures the floor of an audited read: the pipeline, one indexed statement that finds no row,
    // a 404 problem and its audit event.
    ['missing', 0.3, () => `/api/entities/${enc(`${pick(parties).key}~none`)}`],
  ];
  // --ops keeps some of the mix (their shares scaled up to 1): one op alone shows what it costs.
  const chosen = new Set(String(values.ops).split(','));
  const kept = mix.filter(([name]) => chosen.has(name));
  if (kept.length === 0) throw new Error(`--ops: none of ${[...chosen].join(', ')} is an op of the mix`);
  const share = kept.reduce((sum, [, w]) => sum + w, 0);
  const ops = kept.map(([name, w, url]) => [name, w / share, url] as [string, number, () => string]);
  const chooseOp = () => {
    let x = rnd();
    for (const op of ops) if ((x -= op[1]) < 0) return op;
    return ops[0] as (typeof ops)[number];
  };

  const neo4jPid = data.target.source === 'local' ? (await localRuntime(data.config).status()).pid : null;
  const samples = new Map<string, number[]>(ops.map(([name]) => [name, []]));
  let errors = 0;
  const statuses = new Map<number, number>();
  // Requests started at or after measureFrom and before endAt are counted; until then it is warm-up.
  let measureFrom = Infinity;
  let endAt = Infinity;
  let served = 0;
  const client = async () => {
    while (performance.now() < endAt) {
      const [name, , url] = chooseOp();
      const t = performance.now();
      let status: number;
      try {
        status = await get(url(), cookie);
      } catch {
        status = -1;
      }
      const done = performance.now();
      served++;
      if (t < measureFrom || t >= endAt) continue;
      // 404 is a served answer (a sampled key outside the data of a trace start): only 5xx and
      // failures count as errors, and 4xx other than 404 too, since the inputs are all valid.
      if (status < 200 || (status >= 400 && status !== 404)) {
        errors++;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      (samples.get(name) as number[]).push(done - t);
    }
  };
  // CPU seconds spent by the server, the database (when this bench runs it) and this client while
  // counting: on a shared 2-core machine they bound the request rate together.
  const cpu = () => ({ server: procCpu(server.pid), neo4j: procCpu(neo4jPid), client: processCpu() });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const warmStart = performance.now();
  const control = async () => {
    if (values.warmup === 'auto') {
      let last = -1;
      for (let round = 1; ; round++) {
        const before = served;
        await sleep(10_000);
        const now = served - before;
        log(`warm-up round ${round}: ${Math.round(now / 10)} requests/s`);
        if ((last > 0 && Math.abs(now - last) < 0.05 * now) || performance.now() - warmStart >= 120_000) break;
        last = now;
      }
    } else await sleep(Number(values.warmup) * 1000);
    measureFrom = performance.now();
    endAt = measureFrom + seconds * 1000;
    log(`${connections} clients for ${seconds} s (after ${Math.round((measureFrom - warmStart) / 1000)} s warm-up) …`);
    return cpu();
  };
  const [cpuStart] = await Promise.all([control(), ...Array.from({ length: connections }, client)]);
  const warmupSeconds = Math.round((measureFrom - warmStart) / 1000);
  const cpuEnd = cpu();
  const all = [...samples.values()].flat().sort((a, b) => a - b);
  const byOp = Object.fromEntries(
    [...samples].map(([name, list]) => {
      list.sort((a, b) => a - b);
      return [name, { requests: list.length, p95_ms: round(quantile(list, 0.95)) }];
    }),
  );
  if (errors > 0) log(`errors by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(
    JSON.stringify({
      bench: 'api',
      size,
      connections,
      seconds,
      warmup_s: warmupSeconds,
      requests: all.length,
      errors,
      rps: Math.round(all.length / seconds),
      p50_ms: round(quantile(all, 0.5)),
      p95_ms: round(quantile(all, 0.95)),
      p99_ms: round(quantile(all, 0.99)),
      by_op: byOp,
      cpu_ms_per_request: Object.fromEntries(
        (['server', 'neo4j', 'client'] as const).map((k) => {
          const [a, b] = [cpuStart[k], cpuEnd[k]];
          return [k, a === null || b === null ? null : Math.round(((b - a) * 1e5) / Math.max(1, all.length)) / 100];
        }),
      ),
    }),
  );
} finally {
  agent.destroy();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await data.close();
}
