// Which of the given keys of label {{LABEL}} this graph already holds (before a packet is merged).
// params: $keys LIST<STRING>
// columns: key STRING
UNWIND $keys AS key
MATCH (n:{{LABEL}} {key: key})
RETURN n.key AS key
