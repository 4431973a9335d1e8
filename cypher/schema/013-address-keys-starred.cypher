// Migration 013: an address's key no longer carries a phone, ID or card number typed into the
// address. Keys are shown, exported and shared as they are (URLs, the canvas, case packets), so the
// runs of seven or more digits in an `addr:` key (and an X that ends one: an ID number) are starred
// as domain/pii.ts maskDigitRuns stars them — all but the first 3 and last 2 — which is what
// domain/keys.ts addressKeyOf() gives from now on. The address text keeps them (free text, starred
// wherever it is shown).
// 1. Each such address notes its starred key (`starredKey`).
// 2. Of the addresses of one starred key that no address holds yet, one takes it.
// 3. The others are merged into the address that holds it, as ingest merges a second assertion:
//    their relationships move over (their properties fill gaps, provenance joins), their names join
//    the aliases, their regions and provenance join the holder's, and they are removed.
// Idempotent: a starred key has no run of seven digits, so a second run visits nothing; a run cut
// short is finished by the next (step 1 notes again what is left).
MATCH (a:Address)
WHERE a.key =~ '.*[0-9]{7,}.*'
CALL (a) {
  SET a.starredKey = reduce(s = {out: '', run: ''}, c IN split(a.key, '') + [''] |
      CASE
        WHEN c =~ '[0-9]' THEN {out: s.out, run: s.run + c}
        WHEN size(s.run) >= 7 AND c IN ['X', 'x']
          THEN {out: s.out + left(s.run, 3) + reduce(t = '', i IN range(1, size(s.run) - 4) | t + '*') + right(s.run, 1) + c, run: ''}
        WHEN size(s.run) >= 7
          THEN {out: s.out + left(s.run, 3) + reduce(t = '', i IN range(1, size(s.run) - 5) | t + '*') + right(s.run, 2) + c, run: ''}
        ELSE {out: s.out + s.run + c, run: ''}
      END).out
} IN TRANSACTIONS OF 10000 ROWS;

MATCH (a:Address)
WHERE a.starredKey IS NOT NULL
WITH a ORDER BY a.key
WITH a.starredKey AS starred, collect(a)[0] AS first
// Looked up inside the inner transaction: a unique-key lookup in the outer one would hold the lock
// the inner one needs to set that key.
CALL (first, starred) {
  WITH first, starred
  WHERE NOT EXISTS { (:Address {key: starred}) }
  SET first.key = starred
  REMOVE first.starredKey
} IN TRANSACTIONS OF 10000 ROWS;

MATCH (a:Address)
WHERE a.starredKey IS NOT NULL
CALL (a) {
  MATCH (b:Address {key: a.starredKey})
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
  CALL (a, b) {
    WITH a, b, properties(b) AS old
    SET b += a {.*, key: old.key, starredKey: null}
    SET b += old
    SET b.src = (coalesce(old.src, []) + [s IN coalesce(a.src, []) WHERE NOT s IN coalesce(old.src, [])])[0..20],
        b.srcCount = coalesce(old.srcCount, 0) + coalesce(a.srcCount, 0),
        b.aliases = (coalesce(old.aliases, []) +
                     [x IN [a.name] + coalesce(a.aliases, [])
                      WHERE x IS NOT NULL AND x <> coalesce(b.name, '') AND NOT x IN coalesce(old.aliases, [])])[0..30],
        b.seenIn = coalesce(old.seenIn, []) + [c IN coalesce(a.seenIn, []) WHERE NOT c IN coalesce(old.seenIn, [])]
    REMOVE b.starredKey
  }
  DETACH DELETE a
} IN TRANSACTIONS OF 1000 ROWS;
