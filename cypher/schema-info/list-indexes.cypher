// Lists the database's indexes (lookup indexes Neo4j creates itself included).
// params: none
// columns: name STRING, type STRING, state STRING, labelsOrTypes LIST<STRING>, properties LIST<STRING>, analyzer STRING?
SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties, options
RETURN name, type, state, labelsOrTypes, properties, options.indexConfig['fulltext.analyzer'] AS analyzer
ORDER BY name
