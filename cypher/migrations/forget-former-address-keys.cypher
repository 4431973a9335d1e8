// Migration 013 (server/db/steps.ts): the keys addresses had before, dropped once every value that
// held one was rewritten (they hold the numbers the new keys hide).
// params: (none)
// columns: addresses INTEGER
MATCH (a:Address)
WHERE a.formerKeys IS NOT NULL
REMOVE a.formerKeys
RETURN count(a) AS addresses
