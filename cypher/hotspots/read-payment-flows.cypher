// Hotspots, money side: payments made in [$from, $to) inside the caller's region scope, counted by
// the region of the paying account's holder and of the receiving account's holder (the cross-region
// money flow matrix; same-region payments are counted too, as the diagonal). A holder's region is
// where the party is registered or lives (IN_REGION), else the region of an address it is located
// at; an account with several holders (before identity resolution joined them) takes the smallest
// code, so each payment counts once. Payments whose payer or payee region is unknown are left out.
// No party is returned.
// params: $from STRING, $to STRING, $scope LIST<STRING>
// columns: from STRING, to STRING, payments INTEGER, amount FLOAT
MATCH (p:Payment)
WHERE p.at >= $from AND p.at < $to
  AND any(x IN coalesce(p.seenIn, []) WHERE x IN $scope)
WITH p,
     [(p)-[:FROM_ACCOUNT]->(:Account)<-[:HOLDS]-(h) |
       coalesce([(h)-[:IN_REGION]->(g:Region) | g.code][0],
                [(h)-[:LOCATED_AT]->(a:Address) WHERE a.regionCode IS NOT NULL | a.regionCode][0])] AS payers,
     [(p)-[:TO_ACCOUNT]->(:Account)<-[:HOLDS]-(h) |
       coalesce([(h)-[:IN_REGION]->(g:Region) | g.code][0],
                [(h)-[:LOCATED_AT]->(a:Address) WHERE a.regionCode IS NOT NULL | a.regionCode][0])] AS payees
WITH p,
     reduce(m = null, x IN payers | CASE WHEN x IS NOT NULL AND (m IS NULL OR x < m) THEN x ELSE m END) AS from,
     reduce(m = null, x IN payees | CASE WHEN x IS NOT NULL AND (m IS NULL OR x < m) THEN x ELSE m END) AS to
WHERE from IS NOT NULL AND to IS NOT NULL
RETURN from, to, count(p) AS payments, sum(coalesce(toFloat(p.amount), 0.0)) AS amount
