// Lists the database's constraints.
// params: none
// columns: name STRING, type STRING, labelsOrTypes LIST<STRING>, properties LIST<STRING>
SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties
RETURN name, type, labelsOrTypes, properties
ORDER BY name
