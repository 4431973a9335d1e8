// Which of the given keys of one label ({{LABEL}}, from the whitelist) the caller's region scope
// covers: reported by a region in scope (seenIn) or located in one (IN_REGION) — auth/scope.ts.
// params: $keys LIST<STRING>, $scope LIST<STRING>
// columns: key STRING
UNWIND $keys AS k
MATCH (n:{{LABEL}} {key: k})
WHERE any(c IN coalesce(n.seenIn, []) WHERE c IN $scope)
   OR EXISTS { (n)-[:IN_REGION]->(g:Region) WHERE g.code IN $scope }
RETURN DISTINCT n.key AS key
