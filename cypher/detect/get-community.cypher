// One community of a complete run, with its members (party, stage, role) and the provenance of the
// records its evidence cites (shipments, payments, cases: their `src` batch:row references).
// params: $id STRING
// columns: community MAP, run MAP, members LIST<MAP>, records LIST<MAP>
MATCH (c:Community {id: $id})-[:IN_RUN]->(r:DetectionRun {status: 'complete'})
CALL (c) {
  MATCH (p)-[m:MEMBER_OF]->(c)
  RETURN collect({key: p.key, label: labels(p)[0], name: p.name, stage: m.stage, role: m.role,
                  regions: [(p)-[:IN_REGION]->(g:Region) | g.code]}) AS members
}
CALL (c) {
  UNWIND coalesce(c.recordKeys, []) AS k
  OPTIONAL MATCH (s:Shipment {key: k})
  OPTIONAL MATCH (pay:Payment {key: k})
  OPTIONAL MATCH (k2:Case {key: k})
  WITH k, coalesce(s, pay, k2) AS n
  WHERE n IS NOT NULL
  RETURN collect({key: k, src: coalesce(n.src, []), srcCount: coalesce(n.srcCount, 0)}) AS records
}
RETURN properties(c) AS community,
       r {.id, .status, .current, .params, .graphDigest, startedAt: toString(r.startedAt)} AS run,
       members, records
