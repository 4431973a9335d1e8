// Detection projection: officer and operator links (legal representative, shareholder, employee,
// shop operator) into the companies or shops ({{LABEL}} from the whitelist), streamed in key order;
// only those with at least one link.
// params: (none)
// columns: key STRING, links LIST<MAP{from STRING, type STRING}>
MATCH (n:{{LABEL}})
WHERE n.key > ''
WITH n
ORDER BY n.key
WITH n, [(a)-[r:LEGAL_REP_OF|SHAREHOLDER_OF|EMPLOYED_BY|OPERATES]->(n) WHERE a.key IS NOT NULL | {from: a.key, type: type(r)}] AS links
WHERE size(links) > 0
RETURN n.key AS key, links
