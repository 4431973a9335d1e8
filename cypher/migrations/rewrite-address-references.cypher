// Migration 013 (server/db/steps.ts): the keys an address had before (`formerKeys`, noted by
// rekey-addresses) are rewritten wherever a key is kept inside a value: a community's evidence and
// record keys, a run's hub list, a saved canvas (node keys, edge ends and edge keys `from|type|to`).
// A key's text is letters and digits only, so an old key followed by `"` or `|` is that key and
// never the start of a longer one. Then `formerKeys` goes. Idempotent: a second run finds no old
// key left to replace, and a run cut short leaves `formerKeys` for the next.
// params: (none)
// columns: addresses INTEGER, communities INTEGER, runs INTEGER, investigations INTEGER
MATCH (a:Address)
WHERE a.formerKeys IS NOT NULL
UNWIND a.formerKeys AS former
WITH collect({old: former, new: a.key}) AS pairs, count(DISTINCT a) AS addresses
WITH addresses, pairs,
     [p IN pairs | [p.old + '"', p.new + '"']] + [p IN pairs | [p.old + '|', p.new + '|']] AS swaps
CALL (pairs, swaps) {
  MATCH (c:Community)
  WHERE any(p IN pairs WHERE p.old IN coalesce(c.recordKeys, []))
     OR any(s IN swaps WHERE coalesce(c.evidence, '') CONTAINS s[0])
  SET c.evidence = reduce(t = c.evidence, s IN swaps | replace(t, s[0], s[1])),
      c.recordKeys = [k IN c.recordKeys | coalesce(head([p IN pairs WHERE p.old = k | p.new]), k)]
  RETURN count(c) AS communities
}
CALL (swaps) {
  MATCH (r:DetectionRun)
  WHERE any(s IN swaps WHERE coalesce(r.hubs, '') CONTAINS s[0])
  SET r.hubs = reduce(t = r.hubs, s IN swaps | replace(t, s[0], s[1]))
  RETURN count(r) AS runs
}
CALL (swaps) {
  MATCH (i:Investigation)
  WHERE any(s IN swaps WHERE coalesce(i.state, '') CONTAINS s[0])
  SET i.state = reduce(t = i.state, s IN swaps | replace(t, s[0], s[1]))
  RETURN count(i) AS investigations
}
CALL () {
  MATCH (a:Address)
  WHERE a.formerKeys IS NOT NULL
  REMOVE a.formerKeys
}
RETURN addresses, communities, runs, investigations
