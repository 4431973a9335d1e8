// Migration 013 (server/db/steps.ts): finds the addresses whose key still holds a number a person typed
// into the address in clear: seven or more digits in a row, or (before the compact form took only a
// one- or two-digit unit) a phone written 139-1234-5678 that normalisation read as 139栋1234单元5678室.
// params: (none)
// columns: key STRING
MATCH (a:Address)
WHERE a.key =~ 'addr:.*[0-9]{7}.*' OR a.key =~ 'addr:.*[0-9]{3,}栋[0-9]{3,}单元[0-9]{3,}室'
RETURN a.key AS key
ORDER BY key
