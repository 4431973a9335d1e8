// Detection projection: every account that someone holds, with all its holding parties (distinct,
// in key order) and its display label, in key order, as pages of $page accounts: one row per page
// holding one list per account (see read-shipments). The caller joins payments to their parties
// through it, and takes the accounts with two or more holders as shared identifiers.
// params: $page INTEGER
// columns: rows LIST<[key STRING, holders LIST<STRING>, label STRING?]> (accounts without holders left out)
MATCH (x:Account)
WHERE x.key > ''
WITH x
ORDER BY x.key
WITH collect(x) AS accounts
UNWIND range(0, size(accounts) - 1, $page) AS first
CALL (accounts, first) {
  UNWIND accounts[first..first + $page] AS x
  WITH x, COLLECT { MATCH (p)-[:HOLDS]->(x) WHERE (p:Company OR p:Person OR p:Shop) AND p.key IS NOT NULL
                   RETURN DISTINCT p.key AS k ORDER BY k } AS holders
  WHERE size(holders) > 0
  RETURN collect([x.key, holders, coalesce(x.text, x.masked)]) AS rows
}
RETURN rows
