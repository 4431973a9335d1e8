/**
 * Identity resolution across sources. Keys already join what is written the same way everywhere;
 * this step joins what is written differently: a firm known by its USCC in the registry and by name
 * on a waybill, a person known by ID number in a bank statement and by name + phone as a sender, or
 * by name + account as someone's counterparty, or masked on a privacy waybill. Nodes list their
 * weaker keys in `altKeys`; a node folds into the stronger node that lists one of its keys — only
 * when exactly one does, so a name two firms share never merges them. Runs after every ingest;
 * idempotent.
 */
import type { Db } from '../db/db.ts';
import {
  foldNodes,
  listIdentityKeys,
  moveIncoming,
  moveOutgoing,
  RESOLVED_LABELS,
  relTypesOf,
  type ResolvedLabel,
} from './resolve-queries.ts';

const PAGE = 50_000;
const BATCH = 2_000;

export interface ResolveReport {
  folded: Record<ResolvedLabel, number>;
  ambiguous: Record<ResolvedLabel, number>;
  relationshipsMoved: number;
}

const MAX_PASSES = 4;

export async function resolveIdentities(db: Db): Promise<ResolveReport> {
  const report: ResolveReport = {
    folded: { Company: 0, Person: 0 },
    ambiguous: { Company: 0, Person: 0 },
    relationshipsMoved: 0,
  };
  for (const label of RESOLVED_LABELS) {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      if ((await foldOnce(db, label, report)) === 0) break;
    }
  }
  return report;
}

/** One pass for one label: plan, then move relationships and fold nodes in bounded transactions. */
async function foldOnce(db: Db, label: ResolvedLabel, report: ResolveReport): Promise<number> {
  const { pairs, ambiguous } = await planFolds(db, label);
  report.ambiguous[label] = ambiguous;
  for (let i = 0; i < pairs.length; i += BATCH) {
    const batch = pairs.slice(i, i + BATCH);
    // Counted inside the transaction function, so a driver retry does not count twice.
    const done = await db.writeTx(
      'resolve/fold',
      async (tx) => {
        let moved = 0;
        for (const type of relTypesOf(label, 'out')) {
          const [r] = await tx.run(moveOutgoing[`${label}|${type}`] as (typeof moveOutgoing)[string], { pairs: batch });
          moved += r?.moved ?? 0;
        }
        for (const type of relTypesOf(label, 'in')) {
          const [r] = await tx.run(moveIncoming[`${label}|${type}`] as (typeof moveIncoming)[string], { pairs: batch });
          moved += r?.moved ?? 0;
        }
        const [f] = await tx.run(foldNodes[label], { pairs: batch });
        return { moved, folded: f?.folded ?? 0 };
      },
      { timeoutMs: 600_000 },
    );
    report.relationshipsMoved += done.moved;
    report.folded[label] += done.folded;
  }
  return pairs.length;
}

/** Which weak nodes fold into which stronger node, decided in memory from every key and alternate. */
async function planFolds(
  db: Db,
  label: ResolvedLabel,
): Promise<{ pairs: { weak: string; strong: string }[]; ambiguous: number }> {
  const nodes: { key: string; alt: string[] }[] = [];
  for (let after = ''; ;) {
    const rows = await db.run(listIdentityKeys[label], { after, limit: PAGE }, { timeoutMs: 600_000 });
    nodes.push(...rows);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]?.key ?? after;
  }
  return planFromKeys(nodes);
}

/**
 * The folding rule, shared with bench/resolve.ts: a node folds into the strongest node (by key
 * prefix, see KEY_STRENGTH) that is stronger than itself and lists one of its keys among its
 * alternates — only if exactly one node of that strength does. Chains (pmk → pnp → pid) take
 * one pass per link.
 */
export function planFromKeys(nodes: readonly { key: string; alt: readonly string[] }[]): {
  pairs: { weak: string; strong: string }[];
  ambiguous: number;
} {
  const claimedBy = new Map<string, string[]>();
  for (const n of nodes) {
    for (const alt of n.alt) {
      const list = claimedBy.get(alt);
      if (list) list.push(n.key);
      else claimedBy.set(alt, [n.key]);
    }
  }
  const pairs: { weak: string; strong: string }[] = [];
  let ambiguous = 0;
  for (const n of nodes) {
    const own = strength(n.key);
    // A masked trace (pmk:) identifies only the mention it keys: a fully known node never folds
    // through the masked form of its own phone.
    const keys = [n.key, ...n.alt.filter((k) => !k.startsWith('pmk:'))];
    const claimers = new Set<string>();
    for (const k of keys) for (const s of claimedBy.get(k) ?? []) if (s !== n.key && strength(s) < own) claimers.add(s);
    // Every stronger claimer counts: two candidates, whatever their strength, mean "leave apart".
    if (claimers.size === 1) pairs.push({ weak: n.key, strong: [...claimers][0] as string });
    else if (claimers.size > 1) ambiguous++;
  }
  // A target that is itself folding away this pass waits for the next one, so no relationship is
  // moved onto a node about to be deleted.
  const leaving = new Set(pairs.map((p) => p.weak));
  return { pairs: pairs.filter((p) => !leaving.has(p.strong)), ambiguous };
}

/** Lower is stronger: registry identifiers, then name + phone, name + account, masked traces. */
const KEY_STRENGTH = ['uscc:', 'pid:', 'name:', 'pnp:', 'pac:', 'pmk:'];

function strength(key: string): number {
  const i = KEY_STRENGTH.findIndex((p) => key.startsWith(p));
  return i === -1 ? KEY_STRENGTH.length : i;
}
