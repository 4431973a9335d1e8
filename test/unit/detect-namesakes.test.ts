/**
 * Presumed same person inside one network: a maker who ships under name + phone and is paid on a card
 * opened with the ID number is one chain member, ranked as the manufacturer under the ID-numbered
 * party; namesakes are never joined across networks, when two ID-numbered people share the name, or
 * on a masked name.
 */
import { describe, expect, it } from 'vitest';
import { buildChains } from '../../server/detect/chains.ts';
import type { Partition } from '../../server/detect/louvain.ts';
import { findNamesakes, foldNamesakes } from '../../server/detect/namesakes.ts';
import { detectParams } from '../../server/detect/params.ts';
import { pairKey, type Flow, type Party, type Projection } from '../../server/detect/project.ts';

function party(key: string, label: Party['label'], name: string, scope = ''): Party {
  return { key, label, name, scope, regions: ['360121'], merged: [] };
}

function flow(from: number, to: number, count: number, first: string, volume = count * 10): Flow {
  return { from, to, count, volume, first, last: first, vague: 0, materials: 0, samples: [`r${from}-${to}`] };
}

function projection(parties: Party[], goods: Flow[], money: Flow[]): Projection {
  return {
    parties,
    index: new Map(parties.map((p, i) => [p.key, i])),
    goods: new Map(goods.map((f) => [pairKey(f.from, f.to), f])),
    money: new Map(money.map((f) => [pairKey(f.from, f.to), f])),
    officers: [],
    shared: [],
    identifierHubs: [],
    cases: [],
    read: { parties: parties.length, shipments: 0, payments: 0, officers: 0, identifiers: 0, cases: 0 },
  };
}

const partition = (communities: number[]): Partition => ({
  membership: new Map(communities.map((c, i) => [i, c])),
  count: new Set(communities).size,
  modularity: 0,
});

/** 0 maker by ID (paid), 1 maker by name + phone (ships), 2 warehouse, 3 wholesaler, 4–6 shops. */
function network(): Projection {
  const parties = [
    party('pid:maker', 'Person', '李涛'),
    party('pnp:maker', 'Person', '李涛'),
    party('ent:warehouse', 'Company', '南昌某仓储有限公司', '仓储服务'),
    party('ent:wholesaler', 'Company', '南昌某贸易有限公司', '日用品批发'),
    party('shop:a', 'Shop', '甲店'),
    party('shop:b', 'Shop', '乙店'),
    party('shop:c', 'Shop', '丙店'),
  ];
  const goods = [
    flow(1, 2, 12, '2024-01-05'),
    flow(2, 3, 10, '2024-01-20'),
    flow(3, 4, 4, '2024-02-01'),
    flow(3, 5, 4, '2024-02-02'),
    flow(3, 6, 4, '2024-02-03'),
  ];
  const money = [flow(3, 0, 6, '2024-02-10', 60_000), flow(4, 3, 3, '2024-02-11'), flow(5, 3, 3, '2024-02-12')];
  return projection(parties, goods, money);
}

describe('namesakes', () => {
  it('takes the name + phone sender to be the ID-numbered person of the same name in the same network', () => {
    const p = network();
    expect(findNamesakes(p, partition([0, 0, 0, 0, 0, 0, 0]))).toEqual([{ weak: 1, strong: 0, name: '李涛' }]);
  });

  it('does not join namesakes in different networks, two ID-numbered namesakes, or masked names', () => {
    const p = network();
    expect(findNamesakes(p, partition([0, 1, 1, 1, 1, 1, 1]))).toEqual([]);
    const twoIds = network();
    twoIds.parties.push(party('pid:other', 'Person', '李涛'));
    expect(findNamesakes(twoIds, partition([0, 0, 0, 0, 0, 0, 0, 0]))).toEqual([]);
    const masked = network();
    (masked.parties[0] as Party).name = '李*';
    (masked.parties[1] as Party).name = '李*';
    expect(findNamesakes(masked, partition([0, 0, 0, 0, 0, 0, 0]))).toEqual([]);
  });

  it('moves the weak party’s flows onto the strong one, folding parallel flows, without changing the input', () => {
    const p = network();
    p.goods.set(pairKey(0, 2), flow(0, 2, 3, '2024-01-01'));
    const view = foldNamesakes(p, [{ weak: 1, strong: 0, name: '李涛' }]);
    const merged = view.goods.get(pairKey(0, 2));
    expect(merged).toMatchObject({ from: 0, to: 2, count: 15, first: '2024-01-01', last: '2024-01-05' });
    expect(view.goods.has(pairKey(1, 2))).toBe(false);
    expect(p.goods.get(pairKey(1, 2))?.count).toBe(12);
    expect(p.goods.get(pairKey(0, 2))?.count).toBe(3);
  });

  it('ranks the ID-numbered maker first and keeps the namesake in the chain with the evidence', () => {
    const p = network();
    const [chain] = buildChains(p, partition([0, 0, 0, 0, 0, 0, 0]), detectParams({ minSize: 4 }));
    expect(chain?.manufacturers[0]?.party).toBe(0);
    const maker = chain?.members.find((m) => m.party === 0);
    expect(maker?.stage).toBe('production');
    expect(chain?.members.find((m) => m.party === 1)).toEqual({
      party: 1,
      stage: 'production',
      role: maker?.role,
      sameAs: 0,
    });
    const said = chain?.evidence.filter((e) => e.kind === 'namesake') ?? [];
    expect(said).toHaveLength(1);
    expect(said[0]?.parties).toEqual([0, 1]);
    expect(said[0]?.note).toContain('李涛');
  });

  it('with different names the sender stays the manufacturer and the ID-numbered person a payee', () => {
    const p = network();
    (p.parties[0] as Party).name = '李涛涛';
    const [chain] = buildChains(p, partition([0, 0, 0, 0, 0, 0, 0]), detectParams({ minSize: 4 }));
    expect(chain?.manufacturers[0]?.party).toBe(1);
    expect(chain?.members.find((m) => m.party === 0)?.stage).toBe('finance');
    expect(chain?.members.some((m) => m.sameAs !== undefined)).toBe(false);
  });
});
