/**
 * Presumed same person inside one community. Identity resolution (server/ingest/resolve.ts) joins a
 * name + phone sender to an ID-numbered person only when a record carries both; often none does: the
 * maker ships under name and phone and is paid on a bank card opened with the ID number. Inside one
 * detected network, a person known by ID number and a person of exactly the same name known only by
 * weaker keys (name + phone, name + account) are, for the chain, one person — when no second
 * ID-numbered namesake is in the network to make it ambiguous. Resolution stays untouched (the graph
 * keeps two nodes); the run says which pairs it treated as one, and why, as evidence.
 */
import type { Partition } from './louvain.ts';
import { pairKey, type CaseFact, type Flow, type Projection, type SharedIdentifier } from './project.ts';

export interface Namesake {
  /** The party known by weaker keys. */
  weak: number;
  /** The ID-numbered party it is taken to be. */
  strong: number;
  name: string;
}

const ID_KEY = 'pid:';
/** A masked or placeholder name (李*, 不详) says nothing about who it is. */
const UNUSABLE_NAME = /[*＊]|^(不详|未知|无|匿名)$/;

export function findNamesakes(p: Projection, partition: Partition): Namesake[] {
  // Community → name → parties; party indexes ascending, so the result does not depend on map order.
  const groups = new Map<number, Map<string, { strong: number[]; weak: number[] }>>();
  p.parties.forEach((party, i) => {
    if (party.label !== 'Person') return;
    const community = partition.membership.get(i);
    if (community === undefined) return;
    const name = party.name.trim();
    if (name.length < 2 || UNUSABLE_NAME.test(name)) return;
    let names = groups.get(community);
    if (!names) groups.set(community, (names = new Map()));
    let g = names.get(name);
    if (!g) names.set(name, (g = { strong: [], weak: [] }));
    (party.key.startsWith(ID_KEY) ? g.strong : g.weak).push(i);
  });
  const out: Namesake[] = [];
  for (const names of groups.values())
    for (const [name, g] of names) {
      if (g.strong.length !== 1 || g.weak.length === 0) continue;
      const strong = g.strong[0] as number;
      for (const weak of g.weak) out.push({ weak, strong, name });
    }
  return out.sort((x, y) => x.weak - y.weak);
}

/**
 * The projection with each weak namesake's flows, offices, cases and identifiers moved onto its
 * strong party (parallel flows fold together). Parties keep their indexes; weak parties are left
 * with nothing. The input is not changed.
 */
export function foldNamesakes(p: Projection, namesakes: readonly Namesake[]): Projection {
  if (namesakes.length === 0) return p;
  const to = new Map(namesakes.map((n) => [n.weak, n.strong]));
  const at = (i: number) => to.get(i) ?? i;
  const refold = (flows: Map<number, Flow>): Map<number, Flow> => {
    const out = new Map<number, Flow>();
    for (const f of flows.values()) {
      const from = at(f.from);
      const dest = at(f.to);
      if (from === dest) continue;
      const k = pairKey(from, dest);
      const cur = out.get(k);
      if (!cur) {
        out.set(k, from === f.from && dest === f.to ? f : { ...f, from, to: dest, samples: [...f.samples] });
        continue;
      }
      const merged: Flow = {
        ...cur,
        count: cur.count + f.count,
        volume: cur.volume + f.volume,
        first: !cur.first || (f.first && f.first < cur.first) ? f.first : cur.first,
        last: f.last > cur.last ? f.last : cur.last,
        vague: cur.vague + f.vague,
        materials: cur.materials + f.materials,
        samples: [...cur.samples, ...f.samples].slice(0, 5),
      };
      out.set(k, merged);
    }
    return out;
  };
  const distinct = (list: number[]) => [...new Set(list.map(at))].sort((x, y) => x - y);
  return {
    ...p,
    goods: refold(p.goods),
    money: refold(p.money),
    officers: p.officers.map((o) => ({ ...o, from: at(o.from), to: at(o.to) })).filter((o) => o.from !== o.to),
    shared: p.shared
      .map((s): SharedIdentifier => ({ ...s, holders: distinct(s.holders) }))
      .filter((s) => s.holders.length >= 2),
    cases: p.cases.map((c): CaseFact => ({ ...c, parties: distinct(c.parties) })),
  };
}
