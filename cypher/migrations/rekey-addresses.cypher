// Migration 013 (server/db/steps.ts): each address takes its current key (numbers as keyed tokens)
// and text, and notes the key it had in `formerKeys` until the keys kept inside values elsewhere
// are rewritten (write-key-references). Where an address holds the new key already (one loaded
// since, or another old form of the same number), the old one is merged into it as ingest merges a second
// assertion: its relationships move over (their properties fill gaps, provenance joins), its
// regions and provenance join the holder's, and it is removed. The caller gives each new key once
// per call, so no two rows of one call meet the same holder.
// params: $rows LIST<MAP> (old STRING, new STRING, text STRING)
// columns: renamed INTEGER, merged INTEGER
UNWIND $rows AS row
MATCH (a:Address {key: row.old})
OPTIONAL MATCH (b:Address {key: row.new})
CALL (a, b, row) {
  WITH a, b, row
  WHERE b IS NULL
  SET a.key = row.new,
      a.text = row.text,
      a.formerKeys = coalesce(a.formerKeys, []) + row.old
}
CALL (a, b, row) {
  WITH a, b, row
  WHERE b IS NOT NULL
  CALL (a, b) {
    MATCH (a)-[r]->(m)
    WITH r, CASE WHEN m = a THEN b ELSE m END AS m
    MERGE (b)-[x:$(type(r))]->(m)
    WITH x, r, properties(x) AS old
    SET x += properties(r)
    SET x += old
    SET x.src = (coalesce(old.src, []) + [s IN coalesce(r.src, []) WHERE NOT s IN coalesce(old.src, [])])[0..20],
        x.srcCount = coalesce(old.srcCount, 0) + coalesce(r.srcCount, 0)
  }
  CALL (a, b) {
    MATCH (m)-[r]->(a)
    WHERE m <> a
    MERGE (m)-[x:$(type(r))]->(b)
    WITH x, r, properties(x) AS old
    SET x += properties(r)
    SET x += old
    SET x.src = (coalesce(old.src, []) + [s IN coalesce(r.src, []) WHERE NOT s IN coalesce(old.src, [])])[0..20],
        x.srcCount = coalesce(old.srcCount, 0) + coalesce(r.srcCount, 0)
  }
  WITH a, b, row, properties(b) AS old
  SET b += a {.*, key: old.key, text: old.text, formerKeys: null}
  SET b += old
  SET b.src = (coalesce(old.src, []) + [s IN coalesce(a.src, []) WHERE NOT s IN coalesce(old.src, [])])[0..20],
      b.srcCount = coalesce(old.srcCount, 0) + coalesce(a.srcCount, 0),
      b.seenIn = coalesce(old.seenIn, []) + [c IN coalesce(a.seenIn, []) WHERE NOT c IN coalesce(old.seenIn, [])],
      b.formerKeys = coalesce(old.formerKeys, []) +
                     [k IN coalesce(a.formerKeys, []) + row.old WHERE NOT k IN coalesce(old.formerKeys, [])]
  DETACH DELETE a
}
RETURN count(CASE WHEN b IS NULL THEN 1 END) AS renamed, count(b) AS merged
