// Detection projection: one page of payments with the parties holding the paying and the receiving
// account (an account may have several holders before resolution has joined them: lists).
// params: $after STRING, $limit INTEGER
// columns: key STRING, from LIST<STRING>, to LIST<STRING>, at STRING?, amount FLOAT?
MATCH (p:Payment)
WHERE p.key > $after
WITH p
ORDER BY p.key
LIMIT $limit
RETURN p.key AS key,
       [(p)-[:FROM_ACCOUNT]->(:Account)<-[:HOLDS]-(a) | a.key] AS from,
       [(p)-[:TO_ACCOUNT]->(:Account)<-[:HOLDS]-(b) | b.key] AS to,
       toString(p.at) AS at,
       toFloat(p.amount) AS amount
