// Stored relationships among a packet's entities, from those of label {{LABEL}}: both ends in `$keys`
// (already region-scoped by the caller), only the model's relationship types.
// params: $from LIST<STRING>, $keys LIST<STRING>, $types LIST<STRING>
// columns: from STRING, type STRING, to STRING
UNWIND $from AS key
MATCH (a:{{LABEL}} {key: key})-[r]->(b)
WHERE type(r) IN $types AND b.key IN $keys
RETURN a.key AS from, type(r) AS type, b.key AS to
ORDER BY from, type, to
