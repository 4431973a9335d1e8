/**
 * The audit list (`listEvents`): whichever filter drives the read (the target, an outcome other than ok, the
 * actor, the actions under a prefix, outcome ok, or none), every page is the plain filter of the
 * whole chain, newest first; a time window given to the second matches as the stored times do; and
 * appends from several processes keep `at` in sequence order, which the time window relies on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, listEvents, storedTime, type AuditFilter, type AuditInput } from '../../server/audit/log.ts';
import { readChain } from '../../server/audit/queries.ts';
import { ValidationError } from '../../server/errors.ts';
import { tag, testDb } from '../support/db.ts';

const db = testDb();
afterAll(() => db.close());

const t = tag('al');
const actors = [`${t}-busy`, `${t}-other`, `${t}-rare`];
const actions = ['entity.read', 'entity.expand', 'search', 'login', 'unmask'];
const outcomes: AuditInput['outcome'][] = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'denied', 'error', 'not-found'];

interface Stored {
  seq: number;
  at: string;
  actor: string;
  action: string;
  outcome: string;
  target: string | null;
}

async function wholeChain(): Promise<Stored[]> {
  const all: Stored[] = [];
  for (;;) {
    const page = await db.run(readChain, { after: all.at(-1)?.seq ?? 0, limit: 10_000 });
    all.push(...page);
    if (page.length < 10_000) return all;
  }
}

/** What the list must answer: the filters applied to every stored event, newest first. */
function expected(all: Stored[], f: Omit<AuditFilter, 'limit' | 'before'>): number[] {
  return all
    .filter(
      (e) =>
        (f.target === undefined || e.target === f.target) &&
        (f.actor === undefined || e.actor === f.actor) &&
        (f.action === undefined || e.action.startsWith(f.action)) &&
        (f.outcome === undefined || e.outcome === f.outcome) &&
        (f.since === undefined || Date.parse(e.at) >= Date.parse(f.since)) &&
        (f.until === undefined || Date.parse(e.at) < Date.parse(f.until)),
    )
    .map((e) => e.seq)
    .reverse();
}

/** Every page of a filter, following `nextBefore` to the end. */
async function listAll(f: Omit<AuditFilter, 'limit' | 'before'>, limit: number): Promise<number[]> {
  const seqs: number[] = [];
  let before: number | undefined;
  for (let page = 0; page < 1_000; page++) {
    const { items, nextBefore } = await listEvents(db, { ...f, limit, ...(before ? { before } : {}) });
    expect(items.length).toBeLessThanOrEqual(limit);
    seqs.push(...items.map((i) => i.seq));
    if (nextBefore === null) return seqs;
    before = nextBefore;
  }
  throw new Error('more than 1,000 pages');
}

let mine: Stored[] = [];

beforeAll(async () => {
  const [head] = await db.adhocRead('MATCH (h:AuditHead) RETURN h.seq AS seq');
  const start = Number(head?.seq ?? 0);
  // Three logs stand for three API processes; rounds a few milliseconds apart spread the times.
  const logs = [new AuditLog(db), new AuditLog(db), new AuditLog(db)];
  let n = 0;
  for (let round = 0; round < 8; round++) {
    await Promise.all(
      logs.flatMap((log, l) =>
        Array.from({ length: 12 }, () => {
          n++;
          return log.record({
            actor: actors[n % 7 === 0 ? 2 : n % 3 === 0 ? 1 : 0] as string,
            role: 'analyst',
            action: actions[(n * 7 + l) % actions.length] as string,
            outcome: outcomes[(n * 5 + round) % outcomes.length] as AuditInput['outcome'],
            target: `${t}:${round}:${l}`,
          });
        }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 7));
  }
  await Promise.all(logs.map((log) => log.flush()));
  mine = (await wholeChain()).filter((e) => e.seq > start);
}, 120_000);

describe('audit list', () => {
  it('keeps `at` from going back along the chain when several processes append', () => {
    expect(mine.length).toBe(8 * 3 * 12);
    const back = mine.filter((e, i) => i > 0 && e.at < (mine[i - 1]?.at ?? ''));
    expect(back).toEqual([]);
  });

  it('answers every filter, whichever drives the read, as the plain filter of the whole chain', async () => {
    const all = await wholeChain();
    const atShare = (share: number) => mine[Math.floor(mine.length * share)]?.at ?? '';
    const [first, middle, late] = [atShare(0), atShare(1 / 2), atShare(3 / 4)];
    const filters: Omit<AuditFilter, 'limit' | 'before'>[] = [
      { target: `${t}:3:1` },
      { target: `${t}:3:1`, actor: actors[0] },
      { target: `${t}:5:2`, outcome: 'ok', since: middle },
      { target: `${t}:none` },
      { actor: actors[0] },
      { actor: actors[2] },
      { actor: `${t}-nobody` },
      { outcome: 'denied', since: first },
      { outcome: 'error', actor: actors[0] },
      { outcome: 'ok', actor: actors[1] },
      { outcome: 'not-found', action: 'entity', since: first },
      { action: 'entity', since: first },
      { action: 'entity.read', actor: actors[1] },
      { action: 'e', actor: actors[0], until: late },
      { action: 'unm', since: middle },
      { action: `${t}-none`, since: first },
      { since: first },
      { since: middle, until: late },
      { since: middle, until: late, actor: actors[0], outcome: 'ok' },
      { until: middle, actor: actors[2] },
      { since: late, until: middle },
      { since: new Date(Date.now() + 3_600_000).toISOString() },
    ];
    for (const f of filters) {
      const want = expected(all, f);
      for (const limit of [1, 7, 100]) {
        if (limit === 1 && want.length > 20) continue;
        expect({ f, limit, got: await listAll(f, limit) }).toEqual({ f, limit, got: want });
      }
    }
  });

  it('matches a time given to the second as the stored times, which carry milliseconds', async () => {
    const all = await wholeChain();
    // A whole second that an event of the test's falls in, past its start: "…:05Z" must not sort
    // after that event's "…:05.300Z", as the text alone does.
    const event = mine.find((e, i) => i > mine.length / 2 && !e.at.endsWith('.000Z'));
    if (!event) throw new Error('no event of the test off a whole second');
    const second = Math.floor(Date.parse(event.at) / 1000) * 1000;
    const until = new Date(second).toISOString().replace('.000Z', 'Z');
    const since = new Date(second - 60_000).toISOString().replace('.000Z', 'Z');
    const f = { since, until, actor: event.actor };
    expect(expected(all, f)).not.toContain(event.seq);
    expect(await listAll(f, 50)).toEqual(expected(all, f));
    expect(storedTime('2026-12-06T03:00:01Z')).toBe('2026-12-06T03:00:01.000Z');
    expect(storedTime('2026-12-06T03:00:01.0004Z')).toBe('2026-12-06T03:00:01.001Z');
    expect(storedTime('2026-12-06T03:00:01.250000Z')).toBe('2026-12-06T03:00:01.250Z');
  });

  it('refuses an action prefix that matches more actions than it reads one by one', async () => {
    const log = new AuditLog(db);
    await Promise.all(
      Array.from({ length: 101 }, (_, i) =>
        log.record({ actor: `${t}-many`, role: 'admin', action: `${t}.a${i}`, outcome: 'ok' }),
      ),
    );
    await expect(listEvents(db, { action: `${t}.`, limit: 10 })).rejects.toBeInstanceOf(ValidationError);
    const some = await listEvents(db, { action: `${t}.a1`, limit: 100 });
    // a1, a10 … a19, a100: twelve actions under the prefix, one event each.
    expect(some.items.map((i) => i.action).sort()).toEqual(
      [1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100].map((i) => `${t}.a${i}`).sort(),
    );
  });
});
