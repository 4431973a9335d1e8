// One level of an upstream trace, money side: for each frontier party, the parties it paid no later
// than its time bound (buyers pay suppliers, so money runs upstream), grouped by payee. Only payees
// and payments inside the caller's region scope are seen; at most $perNode payees per party.
// At most $scan records are read per party (hubs — a platform account, a market stall's thousand
// buyers — would otherwise dominate the time of every trace that touches them).
// Infrastructure parties (payment platforms, couriers: $infrastructure, a regular expression over
// names from domain/infrastructure.ts) are not suppliers and are never followed.
// params: $frontier LIST<MAP {key STRING, before STRING}>, $scope LIST<STRING>, $perNode INTEGER, $scan INTEGER,
//         $infrastructure STRING
// columns: payer STRING, payee STRING, label STRING, name STRING?, count INTEGER, amount FLOAT, first STRING?, last STRING?, samples LIST<MAP>
UNWIND $frontier AS f
CALL (f) {
  MATCH (p:Company {key: f.key}) RETURN p
  UNION
  MATCH (p:Person {key: f.key}) RETURN p
  UNION
  MATCH (p:Shop {key: f.key}) RETURN p
}
CALL (f, p) {
  MATCH (p)-[:HOLDS]->(:Account)<-[:FROM_ACCOUNT]-(pay:Payment)-[:TO_ACCOUNT]->(:Account)<-[:HOLDS]-(u)
  WHERE u <> p
    AND NOT coalesce(u.name, '') =~ $infrastructure
    AND left(toString(pay.at), 19) <= f.before
    AND (any(c IN coalesce(pay.seenIn, []) WHERE c IN $scope)
         OR EXISTS { (pay)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })
    AND (any(c IN coalesce(u.seenIn, []) WHERE c IN $scope)
         OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })
  WITH u, pay LIMIT $scan
  // Samples stay references until the cut to $perNode payees; only theirs are read.
  WITH u, count(pay) AS count, sum(coalesce(toFloat(pay.amount), 0.0)) AS amount,
       min(left(toString(pay.at), 19)) AS first, max(left(toString(pay.at), 19)) AS last,
       collect(pay)[0..5] AS sample
  ORDER BY count DESC, u.key
  LIMIT $perNode
  RETURN u, count, amount, first, last,
         [pay IN sample | {key: pay.key, at: left(toString(pay.at), 19), amount: toFloat(pay.amount), memo: pay.memo,
                           src: coalesce(pay.src, [])[0..3]}] AS samples
}
RETURN f.key AS payer, u.key AS payee, labels(u)[0] AS label, u.name AS name, count, amount, first, last, samples
