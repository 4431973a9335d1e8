// People, phones and accounts with their sealed numbers, to check that the instance's keys are the
// ones the graph was loaded with (server/keycheck.ts): at most $limit of each kind, in key order (an
// HMAC token, so a spread over the data), through the key index. People keyed without an ID number,
// phones keyed from a masked number (pmk:) and records that came without a sealed number (partner
// packets) have nothing to open and are left out.
// params: $limit INTEGER
// columns: kind STRING, key STRING, channel STRING?, sealed STRING
CALL () {
  MATCH (n:Person)
  WHERE n.key STARTS WITH 'pid:' AND n.idEnc IS NOT NULL
  RETURN 'pid' AS kind, n.key AS key, null AS channel, n.idEnc AS sealed
  ORDER BY n.key
  LIMIT $limit
  UNION ALL
  MATCH (p:Phone)
  WHERE p.key STARTS WITH 'tel:' AND p.enc IS NOT NULL
  RETURN 'tel' AS kind, p.key AS key, null AS channel, p.enc AS sealed
  ORDER BY p.key
  LIMIT $limit
  UNION ALL
  MATCH (a:Account)
  WHERE a.key STARTS WITH 'acct:' AND a.enc IS NOT NULL
  RETURN 'acct' AS kind, a.key AS key, a.channel AS channel, a.enc AS sealed
  ORDER BY a.key
  LIMIT $limit
}
RETURN kind, key, channel, sealed
