// Migration 013 (server/db/steps.ts): finds the addresses whose key an earlier version wrote with a
// number typed into the address in clear (seven or more digits in a row), or with a phone written
// 139-1234-5678 at its end read as building, unit and room (a unit of three or more digits, which
// keys.ts currentAddressKey reads back as digits).
// params: (none)
// columns: key STRING
MATCH (a:Address)
WHERE a.key =~ 'addr:.*[0-9]{7}.*' OR a.key =~ 'addr:.*[0-9]+栋[0-9]{3,}单元[0-9]+室'
RETURN a.key AS key
ORDER BY key
