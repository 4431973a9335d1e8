// Migration 013 (server/db/steps.ts): the addresses rekeyed and the keys they had, while the keys
// kept inside values elsewhere are still to be rewritten (rekey-addresses notes them).
// params: (none)
// columns: key STRING, formerKeys LIST<STRING>
MATCH (a:Address)
WHERE a.formerKeys IS NOT NULL
RETURN a.key AS key, a.formerKeys AS formerKeys
