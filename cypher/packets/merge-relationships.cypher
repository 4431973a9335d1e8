// Relationships {{TYPE}} from {{FROM}} to {{TO}} from a packet: created if missing (with the packet
// as their source), an existing one only gains the packet's source reference.
// params: $rows LIST<MAP>, $src STRING
// columns: merged INTEGER
UNWIND $rows AS row
MATCH (a:{{FROM}} {key: row.from})
MATCH (b:{{TO}} {key: row.to})
MERGE (a)-[r:{{TYPE}}]->(b)
SET r.src = CASE WHEN $src IN coalesce(r.src, []) THEN r.src ELSE coalesce(r.src, []) + $src END
RETURN count(r) AS merged
