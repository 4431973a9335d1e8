// Exact identifier lookups for search, all by index: Company by USCC (property and key), Phone,
// Person and Account by their HMAC keys (computed by the caller from the typed number), Payment by
// key (channel and transaction number), Shop by its platform id, Shipment by waybill number, Case by
// case number (the caller passes the bracket variants). Region scope (auth/scope.ts SCOPE_RULE)
// applies to every node returned; out-of-scope matches are dropped as if missing.
// params: $usccs LIST<STRING>, $phoneKeys LIST<STRING>, $personKeys LIST<STRING>, $accountKeys LIST<STRING>,
//         $paymentKeys LIST<STRING>, $shopIds LIST<STRING>, $waybills LIST<STRING>,
//         $caseNos LIST<STRING>, $labels LIST<STRING>, $scope LIST<STRING>, $limit INTEGER
// columns: node MAP, labels LIST<STRING>, located LIST<STRING>, seenIn LIST<STRING>
CALL () {
  UNWIND $usccs AS u
  MATCH (n:Company)
  WHERE n.uscc = u
  RETURN n
  UNION
  UNWIND $usccs AS u
  MATCH (n:Company {key: 'uscc:' + u})
  RETURN n
  UNION
  UNWIND $phoneKeys AS pk
  MATCH (n:Phone {key: pk})
  RETURN n
  UNION
  UNWIND $personKeys AS pk
  MATCH (n:Person {key: pk})
  RETURN n
  UNION
  UNWIND $accountKeys AS ak
  MATCH (n:Account {key: ak})
  RETURN n
  UNION
  UNWIND $paymentKeys AS yk
  MATCH (n:Payment {key: yk})
  RETURN n
  UNION
  UNWIND $shopIds AS sid
  MATCH (n:Shop)
  WHERE n.shopId = sid
  RETURN n
  UNION
  UNWIND $waybills AS w
  MATCH (n:Shipment)
  WHERE n.waybillNo = w
  RETURN n
  UNION
  UNWIND $caseNos AS no
  MATCH (n:Case)
  WHERE n.caseNo = no
  RETURN n
}
WITH DISTINCT n
WHERE any(l IN labels(n) WHERE l IN $labels)
  AND (any(c IN coalesce(n.seenIn, []) WHERE c IN $scope) OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope })
WITH n
ORDER BY n.key
LIMIT $limit
RETURN n {.key, .name, .title, .text, .caseNo, .aliases, .uscc, .idMasked, .platform, .masked, .channel, .waybillNo,
          .courierName, .txId} AS node,
       labels(n) AS labels,
       [(n)-[:IN_REGION]->(rg:Region) | rg.code] AS located,
       [code IN coalesce(n.seenIn, []) WHERE code IN $scope] AS seenIn
