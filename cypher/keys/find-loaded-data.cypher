// Whether anything was ever loaded into the graph (every load, local or from a partner's packet, is a
// Batch): keys made anew could not key again what a load keyed with the instance's HMAC key.
// params: (none)
// columns: loaded BOOLEAN
RETURN EXISTS { MATCH (:Batch) } AS loaded
