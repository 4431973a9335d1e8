// Detection projection: every payment with its paying and receiving account keys, in key order, as
// pages of $page payments: one row per page holding one list per payment (see read-shipments). The
// accounts' holders are read once (read-account-holders) and joined by the caller, which spares
// Neo4j two expansions per payment.
// params: $page INTEGER
// columns: rows LIST<[key STRING, from LIST<STRING>, to LIST<STRING>, at STRING?, amount FLOAT?]>
MATCH (p:Payment)
WHERE p.key > ''
WITH p
ORDER BY p.key
WITH collect(p) AS payments
UNWIND range(0, size(payments) - 1, $page) AS first
CALL (payments, first) {
  UNWIND payments[first..first + $page] AS p
  RETURN collect([p.key, [(p)-[:FROM_ACCOUNT]->(a:Account) WHERE a.key IS NOT NULL | a.key],
                  [(p)-[:TO_ACCOUNT]->(b:Account) WHERE b.key IS NOT NULL | b.key],
                  toString(p.at), toFloat(p.amount)]) AS rows
}
RETURN rows
