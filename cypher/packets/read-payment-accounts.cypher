// The accounts a packet's payments move between, so the money trail stays connected in the packet.
// params: $keys LIST<STRING>
// columns: key STRING
UNWIND $keys AS key
MATCH (:Payment {key: key})-[:FROM_ACCOUNT|TO_ACCOUNT]->(a:Account)
RETURN DISTINCT a.key AS key
