// Detection projection: officer and operator links (legal representative, shareholder, employee,
// shop operator) into one page of companies or shops ({{LABEL}} from the whitelist).
// params: $after STRING, $limit INTEGER
// columns: key STRING, links LIST<MAP{from STRING, type STRING}>
MATCH (n:{{LABEL}})
WHERE n.key > $after
WITH n
ORDER BY n.key
LIMIT $limit
RETURN n.key AS key,
       [(a)-[r:LEGAL_REP_OF|SHAREHOLDER_OF|EMPLOYED_BY|OPERATES]->(n) | {from: a.key, type: type(r)}] AS links
