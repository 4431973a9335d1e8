// Entities of one label ({{LABEL}}) for a case packet, by key, within the exporter's region scope
// (auth/scope.ts SCOPE_RULE): display fields, the whitelisted properties `$fields` (masked forms
// only; ciphertext is never among them), where each is located and which in-scope regions reported it.
// params: $keys LIST<STRING>, $scope LIST<STRING>, $fields LIST<STRING>
// columns: node MAP, properties LIST<MAP>, located LIST<STRING>, seenIn LIST<STRING>, src LIST<STRING>
UNWIND $keys AS key
MATCH (n:{{LABEL}} {key: key})
WHERE any(c IN coalesce(n.seenIn, []) WHERE c IN $scope) OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
RETURN n {.key, .name, .title, .text, .caseNo, .masked, .channel, .waybillNo, .courierName, .txId, .shippedAt, .at,
          .openedAt, .pieces, .amount} AS node,
       [f IN $fields WHERE n[f] IS NOT NULL | {name: f, value: n[f]}] AS properties,
       [(n)-[:IN_REGION]->(g:Region) | g.code] AS located,
       [c IN coalesce(n.seenIn, []) WHERE c IN $scope] AS seenIn,
       coalesce(n.src, [])[..200] AS src
