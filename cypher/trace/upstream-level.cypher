// One level of an upstream trace, goods and money together (one round trip a level). For each
// frontier party, no later than its time bound ($lists.frontier[i].before, an ISO date-time string with
// the tolerance already added):
// - goods: the parties that shipped to it, grouped by sender;
// - money: the parties it paid (buyers pay suppliers, so money runs upstream), grouped by payee.
// Only parties and records inside the caller's region scope are seen. At most $perNode senders and
// $perNode payees per party (most records first), 5 sample records each. In-scope records whose
// sender or payee lies outside the scope are not followed but counted (`beyond`: parcels and their
// senders, payments, their payees and amount), so a trace can say where its trail leaves the scope;
// so are in-scope parcels with no sender and payments to accounts with no holder (`beyond.unnamed…`,
// `beyond.unheld…`), where it leaves what the data names. At most $scan records of
// each kind are read per party (hubs — a platform account, a market stall's thousand buyers — would
// otherwise dominate the time of every trace that touches them). Infrastructure parties (payment
// platforms, couriers: $infrastructure, a regular expression over names from
// domain/infrastructure.ts) are not suppliers and are never followed.
// Each frontier party that exists in the caller's scope comes back as a row with its label and name,
// so a trace from a party starts with this statement alone (no start point); one outside the scope
// is read no further than its regions, so it costs what a key that names nothing costs.
//
// Look-ahead: the parties this level reaches, each with the time bound the next level gives it
// (its latest parcel or payment to the party below, plus $toleranceDays, as service.ts computes
// it), leaving out the parties the trace has reached already ($lists.known, and those of the levels read
// ahead before), are read as the next level in the same statement when there are at most $ahead of
// them; and so on, up to $levels levels beyond this one (at most 3: a depth-4 trace from a party is
// one statement while its levels stay small). Their rows follow this level's, with their own
// `before`; the caller keeps each under (key, before) and reads a later level's party from them
// only where both match, so a row is always the one the level statement would return for that
// party and bound. A party whose hop has no time, or a time that does not read as a date, is not
// read ahead. The four level bodies below are the same text, and so are the three blocks that
// work out the next entries (checked by test/unit/trace-level-text.test.ts).
// The list parameters come in one map, $lists: Neo4j keys a cached plan on the size class of each
// list parameter (one entry, up to 10, up to 100, more), not on a map's entries, and planning this
// statement takes seconds (5 to 10 s on 2 cores); as separate lists, each new mix of scope, frontier
// and known sizes made the trace that met it plan the statement again inside its time limit.
// params: $lists MAP {frontier LIST<MAP {key STRING, before STRING}>, scope LIST<STRING>, known LIST<STRING>},
//         $perNode INTEGER, $scan INTEGER, $infrastructure STRING, $toleranceDays INTEGER, $ahead INTEGER,
//         $levels INTEGER
// columns: key STRING, before STRING, label STRING, name STRING?, goods LIST<MAP>, money LIST<MAP>, beyond MAP
CALL () {
  // level body (1 of 4)
  UNWIND $lists.frontier AS f
  CALL (f) {
    MATCH (p:Company {key: f.key}) RETURN p
    UNION
    MATCH (p:Person {key: f.key}) RETURN p
    UNION
    MATCH (p:Shop {key: f.key}) RETURN p
  }
  // A party outside the scope is read no further, as one that does not exist.
  WITH f, p
  WHERE any(c IN coalesce(p.seenIn, []) WHERE c IN $lists.scope)
     OR EXISTS { (p)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope }
  CALL (f, p) {
    CALL (f, p) {
      MATCH (p)<-[:SENT_TO]-(s:Shipment)-[:SENT_BY]->(u)
      WHERE u <> p
        AND NOT coalesce(u.name, '') =~ $infrastructure
        AND left(toString(s.shippedAt), 19) <= f.before
        AND (any(c IN coalesce(s.seenIn, []) WHERE c IN $lists.scope)
             OR EXISTS { (s)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
      WITH u, s LIMIT $scan
      // A sender outside the scope is not followed, only counted: the trail goes on beyond it.
      // Samples stay references until the cut to $perNode senders; only theirs are read.
      WITH u, any(c IN coalesce(u.seenIn, []) WHERE c IN $lists.scope)
              OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope } AS seen,
           count(s) AS count, sum(coalesce(toFloat(s.pieces), 1.0)) AS pieces,
           min(left(toString(s.shippedAt), 19)) AS first, max(left(toString(s.shippedAt), 19)) AS last,
           collect(DISTINCT s.itemDesc)[0..5] AS items, collect(s)[0..5] AS sample
      ORDER BY count DESC, u.key
      RETURN u, seen, count, pieces, first, last, items, sample
    }
    WITH collect({u: u, seen: seen, count: count, pieces: pieces, first: first, last: last, items: items,
                  sample: sample}) AS senders
    RETURN [x IN [y IN senders WHERE y.seen][0..$perNode] |
              {from: x.u.key, label: labels(x.u)[0], name: x.u.name, count: x.count, pieces: x.pieces, first: x.first,
               last: x.last, items: x.items,
               samples: [s IN x.sample | {key: s.key, at: left(toString(s.shippedAt), 19), item: s.itemDesc,
                                          pieces: toFloat(s.pieces), waybill: s.waybillNo,
                                          src: coalesce(s.src, [])[0..3]}]}] AS goods,
           reduce(n = 0, y IN senders | n + CASE WHEN y.seen THEN 0 ELSE y.count END) AS parcelsBeyond,
           size([y IN senders WHERE NOT y.seen]) AS sendersBeyond
  }
  CALL (f, p) {
    CALL (f, p) {
      MATCH (p)-[:HOLDS]->(:Account)<-[:FROM_ACCOUNT]-(pay:Payment)-[:TO_ACCOUNT]->(:Account)<-[:HOLDS]-(u)
      WHERE u <> p
        AND NOT coalesce(u.name, '') =~ $infrastructure
        AND left(toString(pay.at), 19) <= f.before
        AND (any(c IN coalesce(pay.seenIn, []) WHERE c IN $lists.scope)
             OR EXISTS { (pay)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
      WITH u, pay LIMIT $scan
      WITH u, any(c IN coalesce(u.seenIn, []) WHERE c IN $lists.scope)
              OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope } AS seen,
           count(pay) AS count, sum(coalesce(toFloat(pay.amount), 0.0)) AS amount,
           min(left(toString(pay.at), 19)) AS first, max(left(toString(pay.at), 19)) AS last,
           collect(pay)[0..5] AS sample
      ORDER BY count DESC, u.key
      RETURN u, seen, count, amount, first, last, sample
    }
    WITH collect({u: u, seen: seen, count: count, amount: amount, first: first, last: last, sample: sample}) AS payees
    RETURN [x IN [y IN payees WHERE y.seen][0..$perNode] |
              {payee: x.u.key, label: labels(x.u)[0], name: x.u.name, count: x.count, amount: x.amount, first: x.first,
               last: x.last,
               samples: [pay IN x.sample | {key: pay.key, at: left(toString(pay.at), 19), amount: toFloat(pay.amount),
                                            memo: pay.memo, src: coalesce(pay.src, [])[0..3]}]}] AS money,
           reduce(n = 0, y IN payees | n + CASE WHEN y.seen THEN 0 ELSE y.count END) AS paymentsBeyond,
           reduce(n = 0.0, y IN payees | n + CASE WHEN y.seen THEN 0.0 ELSE y.amount END) AS amountBeyond,
           size([y IN payees WHERE NOT y.seen]) AS payeesBeyond
  }
  // In-scope records whose other party the data does not name (a waybill without a sender, an
  // account without a holder): the trail stops there unless the courier or the bank is asked.
  CALL (f, p) {
    MATCH (p)<-[:SENT_TO]-(s:Shipment)
    WHERE NOT EXISTS { (s)-[:SENT_BY]->() }
      AND left(toString(s.shippedAt), 19) <= f.before
      AND (any(c IN coalesce(s.seenIn, []) WHERE c IN $lists.scope)
           OR EXISTS { (s)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
    WITH s LIMIT $scan
    RETURN count(s) AS parcelsUnnamed
  }
  CALL (f, p) {
    MATCH (p)-[:HOLDS]->(:Account)<-[:FROM_ACCOUNT]-(pay:Payment)-[:TO_ACCOUNT]->(a:Account)
    WHERE NOT EXISTS { (a)<-[:HOLDS]-() }
      AND left(toString(pay.at), 19) <= f.before
      AND (any(c IN coalesce(pay.seenIn, []) WHERE c IN $lists.scope)
           OR EXISTS { (pay)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
    WITH a, pay LIMIT $scan
    RETURN count(pay) AS paymentsUnheld, sum(coalesce(toFloat(pay.amount), 0.0)) AS amountUnheld,
           count(DISTINCT a) AS accountsUnheld
  }
  RETURN collect({key: f.key, before: f.before, label: labels(p)[0], name: p.name,
                  goods: goods, money: money,
                  beyond: {parcels: parcelsBeyond, senders: sendersBeyond, payments: paymentsBeyond,
                           amount: amountBeyond, payees: payeesBeyond, unnamedParcels: parcelsUnnamed,
                           unheldPayments: paymentsUnheld, unheldAmount: amountUnheld,
                           unheldAccounts: accountsUnheld}}) AS level1
}
WITH level1, $lists.known AS seen0
// next entries (1 of 3)
CALL (level1, seen0) {
  UNWIND CASE WHEN $levels >= 1 THEN level1 ELSE [] END AS r
  UNWIND [g IN r.goods | {key: g.from, last: g.last}] + [m IN r.money | {key: m.payee, last: m.last}] AS h
  WITH r.key AS below, h.key AS key, max(h.last) AS last
  WHERE NOT key IN seen0 AND last =~ '\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2})?' AND last < '9999'
  WITH DISTINCT key, left(toString(localdatetime(last) + duration({days: $toleranceDays})), 19) AS before
  RETURN collect({key: key, before: before}) AS next1
}
WITH *, seen0 + [e IN next1 | e.key] AS seen1
CALL (next1) {
  // level body (2 of 4)
  UNWIND CASE WHEN size(next1) <= $ahead THEN next1 ELSE [] END AS f
  CALL (f) {
    MATCH (p:Company {key: f.key}) RETURN p
    UNION
    MATCH (p:Person {key: f.key}) RETURN p
    UNION
    MATCH (p:Shop {key: f.key}) RETURN p
  }
  // A party outside the scope is read no further, as one that does not exist.
  WITH f, p
  WHERE any(c IN coalesce(p.seenIn, []) WHERE c IN $lists.scope)
     OR EXISTS { (p)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope }
  CALL (f, p) {
    CALL (f, p) {
      MATCH (p)<-[:SENT_TO]-(s:Shipment)-[:SENT_BY]->(u)
      WHERE u <> p
        AND NOT coalesce(u.name, '') =~ $infrastructure
        AND left(toString(s.shippedAt), 19) <= f.before
        AND (any(c IN coalesce(s.seenIn, []) WHERE c IN $lists.scope)
             OR EXISTS { (s)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
      WITH u, s LIMIT $scan
      // A sender outside the scope is not followed, only counted: the trail goes on beyond it.
      // Samples stay references until the cut to $perNode senders; only theirs are read.
      WITH u, any(c IN coalesce(u.seenIn, []) WHERE c IN $lists.scope)
              OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope } AS seen,
           count(s) AS count, sum(coalesce(toFloat(s.pieces), 1.0)) AS pieces,
           min(left(toString(s.shippedAt), 19)) AS first, max(left(toString(s.shippedAt), 19)) AS last,
           collect(DISTINCT s.itemDesc)[0..5] AS items, collect(s)[0..5] AS sample
      ORDER BY count DESC, u.key
      RETURN u, seen, count, pieces, first, last, items, sample
    }
    WITH collect({u: u, seen: seen, count: count, pieces: pieces, first: first, last: last, items: items,
                  sample: sample}) AS senders
    RETURN [x IN [y IN senders WHERE y.seen][0..$perNode] |
              {from: x.u.key, label: labels(x.u)[0], name: x.u.name, count: x.count, pieces: x.pieces, first: x.first,
               last: x.last, items: x.items,
               samples: [s IN x.sample | {key: s.key, at: left(toString(s.shippedAt), 19), item: s.itemDesc,
                                          pieces: toFloat(s.pieces), waybill: s.waybillNo,
                                          src: coalesce(s.src, [])[0..3]}]}] AS goods,
           reduce(n = 0, y IN senders | n + CASE WHEN y.seen THEN 0 ELSE y.count END) AS parcelsBeyond,
           size([y IN senders WHERE NOT y.seen]) AS sendersBeyond
  }
  CALL (f, p) {
    CALL (f, p) {
      MATCH (p)-[:HOLDS]->(:Account)<-[:FROM_ACCOUNT]-(pay:Payment)-[:TO_ACCOUNT]->(:Account)<-[:HOLDS]-(u)
      WHERE u <> p
        AND NOT coalesce(u.name, '') =~ $infrastructure
        AND left(toString(pay.at), 19) <= f.before
        AND (any(c IN coalesce(pay.seenIn, []) WHERE c IN $lists.scope)
             OR EXISTS { (pay)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
      WITH u, pay LIMIT $scan
      WITH u, any(c IN coalesce(u.seenIn, []) WHERE c IN $lists.scope)
              OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope } AS seen,
           count(pay) AS count, sum(coalesce(toFloat(pay.amount), 0.0)) AS amount,
           min(left(toString(pay.at), 19)) AS first, max(left(toString(pay.at), 19)) AS last,
           collect(pay)[0..5] AS sample
      ORDER BY count DESC, u.key
      RETURN u, seen, count, amount, first, last, sample
    }
    WITH collect({u: u, seen: seen, count: count, amount: amount, first: first, last: last, sample: sample}) AS payees
    RETURN [x IN [y IN payees WHERE y.seen][0..$perNode] |
              {payee: x.u.key, label: labels(x.u)[0], name: x.u.name, count: x.count, amount: x.amount, first: x.first,
               last: x.last,
               samples: [pay IN x.sample | {key: pay.key, at: left(toString(pay.at), 19), amount: toFloat(pay.amount),
                                            memo: pay.memo, src: coalesce(pay.src, [])[0..3]}]}] AS money,
           reduce(n = 0, y IN payees | n + CASE WHEN y.seen THEN 0 ELSE y.count END) AS paymentsBeyond,
           reduce(n = 0.0, y IN payees | n + CASE WHEN y.seen THEN 0.0 ELSE y.amount END) AS amountBeyond,
           size([y IN payees WHERE NOT y.seen]) AS payeesBeyond
  }
  // In-scope records whose other party the data does not name (a waybill without a sender, an
  // account without a holder): the trail stops there unless the courier or the bank is asked.
  CALL (f, p) {
    MATCH (p)<-[:SENT_TO]-(s:Shipment)
    WHERE NOT EXISTS { (s)-[:SENT_BY]->() }
      AND left(toString(s.shippedAt), 19) <= f.before
      AND (any(c IN coalesce(s.seenIn, []) WHERE c IN $lists.scope)
           OR EXISTS { (s)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
    WITH s LIMIT $scan
    RETURN count(s) AS parcelsUnnamed
  }
  CALL (f, p) {
    MATCH (p)-[:HOLDS]->(:Account)<-[:FROM_ACCOUNT]-(pay:Payment)-[:TO_ACCOUNT]->(a:Account)
    WHERE NOT EXISTS { (a)<-[:HOLDS]-() }
      AND left(toString(pay.at), 19) <= f.before
      AND (any(c IN coalesce(pay.seenIn, []) WHERE c IN $lists.scope)
           OR EXISTS { (pay)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
    WITH a, pay LIMIT $scan
    RETURN count(pay) AS paymentsUnheld, sum(coalesce(toFloat(pay.amount), 0.0)) AS amountUnheld,
           count(DISTINCT a) AS accountsUnheld
  }
  RETURN collect({key: f.key, before: f.before, label: labels(p)[0], name: p.name,
                  goods: goods, money: money,
                  beyond: {parcels: parcelsBeyond, senders: sendersBeyond, payments: paymentsBeyond,
                           amount: amountBeyond, payees: payeesBeyond, unnamedParcels: parcelsUnnamed,
                           unheldPayments: paymentsUnheld, unheldAmount: amountUnheld,
                           unheldAccounts: accountsUnheld}}) AS level2
}
// next entries (2 of 3)
CALL (level2, seen1) {
  UNWIND CASE WHEN $levels >= 2 THEN level2 ELSE [] END AS r
  UNWIND [g IN r.goods | {key: g.from, last: g.last}] + [m IN r.money | {key: m.payee, last: m.last}] AS h
  WITH r.key AS below, h.key AS key, max(h.last) AS last
  WHERE NOT key IN seen1 AND last =~ '\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2})?' AND last < '9999'
  WITH DISTINCT key, left(toString(localdatetime(last) + duration({days: $toleranceDays})), 19) AS before
  RETURN collect({key: key, before: before}) AS next2
}
WITH *, seen1 + [e IN next2 | e.key] AS seen2
CALL (next2) {
  // level body (3 of 4)
  UNWIND CASE WHEN size(next2) <= $ahead THEN next2 ELSE [] END AS f
  CALL (f) {
    MATCH (p:Company {key: f.key}) RETURN p
    UNION
    MATCH (p:Person {key: f.key}) RETURN p
    UNION
    MATCH (p:Shop {key: f.key}) RETURN p
  }
  // A party outside the scope is read no further, as one that does not exist.
  WITH f, p
  WHERE any(c IN coalesce(p.seenIn, []) WHERE c IN $lists.scope)
     OR EXISTS { (p)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope }
  CALL (f, p) {
    CALL (f, p) {
      MATCH (p)<-[:SENT_TO]-(s:Shipment)-[:SENT_BY]->(u)
      WHERE u <> p
        AND NOT coalesce(u.name, '') =~ $infrastructure
        AND left(toString(s.shippedAt), 19) <= f.before
        AND (any(c IN coalesce(s.seenIn, []) WHERE c IN $lists.scope)
             OR EXISTS { (s)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
      WITH u, s LIMIT $scan
      // A sender outside the scope is not followed, only counted: the trail goes on beyond it.
      // Samples stay references until the cut to $perNode senders; only theirs are read.
      WITH u, any(c IN coalesce(u.seenIn, []) WHERE c IN $lists.scope)
              OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope } AS seen,
           count(s) AS count, sum(coalesce(toFloat(s.pieces), 1.0)) AS pieces,
           min(left(toString(s.shippedAt), 19)) AS first, max(left(toString(s.shippedAt), 19)) AS last,
           collect(DISTINCT s.itemDesc)[0..5] AS items, collect(s)[0..5] AS sample
      ORDER BY count DESC, u.key
      RETURN u, seen, count, pieces, first, last, items, sample
    }
    WITH collect({u: u, seen: seen, count: count, pieces: pieces, first: first, last: last, items: items,
                  sample: sample}) AS senders
    RETURN [x IN [y IN senders WHERE y.seen][0..$perNode] |
              {from: x.u.key, label: labels(x.u)[0], name: x.u.name, count: x.count, pieces: x.pieces, first: x.first,
               last: x.last, items: x.items,
               samples: [s IN x.sample | {key: s.key, at: left(toString(s.shippedAt), 19), item: s.itemDesc,
                                          pieces: toFloat(s.pieces), waybill: s.waybillNo,
                                          src: coalesce(s.src, [])[0..3]}]}] AS goods,
           reduce(n = 0, y IN senders | n + CASE WHEN y.seen THEN 0 ELSE y.count END) AS parcelsBeyond,
           size([y IN senders WHERE NOT y.seen]) AS sendersBeyond
  }
  CALL (f, p) {
    CALL (f, p) {
      MATCH (p)-[:HOLDS]->(:Account)<-[:FROM_ACCOUNT]-(pay:Payment)-[:TO_ACCOUNT]->(:Account)<-[:HOLDS]-(u)
      WHERE u <> p
        AND NOT coalesce(u.name, '') =~ $infrastructure
        AND left(toString(pay.at), 19) <= f.before
        AND (any(c IN coalesce(pay.seenIn, []) WHERE c IN $lists.scope)
             OR EXISTS { (pay)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
      WITH u, pay LIMIT $scan
      WITH u, any(c IN coalesce(u.seenIn, []) WHERE c IN $lists.scope)
              OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope } AS seen,
           count(pay) AS count, sum(coalesce(toFloat(pay.amount), 0.0)) AS amount,
           min(left(toString(pay.at), 19)) AS first, max(left(toString(pay.at), 19)) AS last,
           collect(pay)[0..5] AS sample
      ORDER BY count DESC, u.key
      RETURN u, seen, count, amount, first, last, sample
    }
    WITH collect({u: u, seen: seen, count: count, amount: amount, first: first, last: last, sample: sample}) AS payees
    RETURN [x IN [y IN payees WHERE y.seen][0..$perNode] |
              {payee: x.u.key, label: labels(x.u)[0], name: x.u.name, count: x.count, amount: x.amount, first: x.first,
               last: x.last,
               samples: [pay IN x.sample | {key: pay.key, at: left(toString(pay.at), 19), amount: toFloat(pay.amount),
                                            memo: pay.memo, src: coalesce(pay.src, [])[0..3]}]}] AS money,
           reduce(n = 0, y IN payees | n + CASE WHEN y.seen THEN 0 ELSE y.count END) AS paymentsBeyond,
           reduce(n = 0.0, y IN payees | n + CASE WHEN y.seen THEN 0.0 ELSE y.amount END) AS amountBeyond,
           size([y IN payees WHERE NOT y.seen]) AS payeesBeyond
  }
  // In-scope records whose other party the data does not name (a waybill without a sender, an
  // account without a holder): the trail stops there unless the courier or the bank is asked.
  CALL (f, p) {
    MATCH (p)<-[:SENT_TO]-(s:Shipment)
    WHERE NOT EXISTS { (s)-[:SENT_BY]->() }
      AND left(toString(s.shippedAt), 19) <= f.before
      AND (any(c IN coalesce(s.seenIn, []) WHERE c IN $lists.scope)
           OR EXISTS { (s)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
    WITH s LIMIT $scan
    RETURN count(s) AS parcelsUnnamed
  }
  CALL (f, p) {
    MATCH (p)-[:HOLDS]->(:Account)<-[:FROM_ACCOUNT]-(pay:Payment)-[:TO_ACCOUNT]->(a:Account)
    WHERE NOT EXISTS { (a)<-[:HOLDS]-() }
      AND left(toString(pay.at), 19) <= f.before
      AND (any(c IN coalesce(pay.seenIn, []) WHERE c IN $lists.scope)
           OR EXISTS { (pay)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
    WITH a, pay LIMIT $scan
    RETURN count(pay) AS paymentsUnheld, sum(coalesce(toFloat(pay.amount), 0.0)) AS amountUnheld,
           count(DISTINCT a) AS accountsUnheld
  }
  RETURN collect({key: f.key, before: f.before, label: labels(p)[0], name: p.name,
                  goods: goods, money: money,
                  beyond: {parcels: parcelsBeyond, senders: sendersBeyond, payments: paymentsBeyond,
                           amount: amountBeyond, payees: payeesBeyond, unnamedParcels: parcelsUnnamed,
                           unheldPayments: paymentsUnheld, unheldAmount: amountUnheld,
                           unheldAccounts: accountsUnheld}}) AS level3
}
// next entries (3 of 3)
CALL (level3, seen2) {
  UNWIND CASE WHEN $levels >= 3 THEN level3 ELSE [] END AS r
  UNWIND [g IN r.goods | {key: g.from, last: g.last}] + [m IN r.money | {key: m.payee, last: m.last}] AS h
  WITH r.key AS below, h.key AS key, max(h.last) AS last
  WHERE NOT key IN seen2 AND last =~ '\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}:\\d{2})?' AND last < '9999'
  WITH DISTINCT key, left(toString(localdatetime(last) + duration({days: $toleranceDays})), 19) AS before
  RETURN collect({key: key, before: before}) AS next3
}
CALL (next3) {
  // level body (4 of 4)
  UNWIND CASE WHEN size(next3) <= $ahead THEN next3 ELSE [] END AS f
  CALL (f) {
    MATCH (p:Company {key: f.key}) RETURN p
    UNION
    MATCH (p:Person {key: f.key}) RETURN p
    UNION
    MATCH (p:Shop {key: f.key}) RETURN p
  }
  // A party outside the scope is read no further, as one that does not exist.
  WITH f, p
  WHERE any(c IN coalesce(p.seenIn, []) WHERE c IN $lists.scope)
     OR EXISTS { (p)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope }
  CALL (f, p) {
    CALL (f, p) {
      MATCH (p)<-[:SENT_TO]-(s:Shipment)-[:SENT_BY]->(u)
      WHERE u <> p
        AND NOT coalesce(u.name, '') =~ $infrastructure
        AND left(toString(s.shippedAt), 19) <= f.before
        AND (any(c IN coalesce(s.seenIn, []) WHERE c IN $lists.scope)
             OR EXISTS { (s)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
      WITH u, s LIMIT $scan
      // A sender outside the scope is not followed, only counted: the trail goes on beyond it.
      // Samples stay references until the cut to $perNode senders; only theirs are read.
      WITH u, any(c IN coalesce(u.seenIn, []) WHERE c IN $lists.scope)
              OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope } AS seen,
           count(s) AS count, sum(coalesce(toFloat(s.pieces), 1.0)) AS pieces,
           min(left(toString(s.shippedAt), 19)) AS first, max(left(toString(s.shippedAt), 19)) AS last,
           collect(DISTINCT s.itemDesc)[0..5] AS items, collect(s)[0..5] AS sample
      ORDER BY count DESC, u.key
      RETURN u, seen, count, pieces, first, last, items, sample
    }
    WITH collect({u: u, seen: seen, count: count, pieces: pieces, first: first, last: last, items: items,
                  sample: sample}) AS senders
    RETURN [x IN [y IN senders WHERE y.seen][0..$perNode] |
              {from: x.u.key, label: labels(x.u)[0], name: x.u.name, count: x.count, pieces: x.pieces, first: x.first,
               last: x.last, items: x.items,
               samples: [s IN x.sample | {key: s.key, at: left(toString(s.shippedAt), 19), item: s.itemDesc,
                                          pieces: toFloat(s.pieces), waybill: s.waybillNo,
                                          src: coalesce(s.src, [])[0..3]}]}] AS goods,
           reduce(n = 0, y IN senders | n + CASE WHEN y.seen THEN 0 ELSE y.count END) AS parcelsBeyond,
           size([y IN senders WHERE NOT y.seen]) AS sendersBeyond
  }
  CALL (f, p) {
    CALL (f, p) {
      MATCH (p)-[:HOLDS]->(:Account)<-[:FROM_ACCOUNT]-(pay:Payment)-[:TO_ACCOUNT]->(:Account)<-[:HOLDS]-(u)
      WHERE u <> p
        AND NOT coalesce(u.name, '') =~ $infrastructure
        AND left(toString(pay.at), 19) <= f.before
        AND (any(c IN coalesce(pay.seenIn, []) WHERE c IN $lists.scope)
             OR EXISTS { (pay)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
      WITH u, pay LIMIT $scan
      WITH u, any(c IN coalesce(u.seenIn, []) WHERE c IN $lists.scope)
              OR EXISTS { (u)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope } AS seen,
           count(pay) AS count, sum(coalesce(toFloat(pay.amount), 0.0)) AS amount,
           min(left(toString(pay.at), 19)) AS first, max(left(toString(pay.at), 19)) AS last,
           collect(pay)[0..5] AS sample
      ORDER BY count DESC, u.key
      RETURN u, seen, count, amount, first, last, sample
    }
    WITH collect({u: u, seen: seen, count: count, amount: amount, first: first, last: last, sample: sample}) AS payees
    RETURN [x IN [y IN payees WHERE y.seen][0..$perNode] |
              {payee: x.u.key, label: labels(x.u)[0], name: x.u.name, count: x.count, amount: x.amount, first: x.first,
               last: x.last,
               samples: [pay IN x.sample | {key: pay.key, at: left(toString(pay.at), 19), amount: toFloat(pay.amount),
                                            memo: pay.memo, src: coalesce(pay.src, [])[0..3]}]}] AS money,
           reduce(n = 0, y IN payees | n + CASE WHEN y.seen THEN 0 ELSE y.count END) AS paymentsBeyond,
           reduce(n = 0.0, y IN payees | n + CASE WHEN y.seen THEN 0.0 ELSE y.amount END) AS amountBeyond,
           size([y IN payees WHERE NOT y.seen]) AS payeesBeyond
  }
  // In-scope records whose other party the data does not name (a waybill without a sender, an
  // account without a holder): the trail stops there unless the courier or the bank is asked.
  CALL (f, p) {
    MATCH (p)<-[:SENT_TO]-(s:Shipment)
    WHERE NOT EXISTS { (s)-[:SENT_BY]->() }
      AND left(toString(s.shippedAt), 19) <= f.before
      AND (any(c IN coalesce(s.seenIn, []) WHERE c IN $lists.scope)
           OR EXISTS { (s)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
    WITH s LIMIT $scan
    RETURN count(s) AS parcelsUnnamed
  }
  CALL (f, p) {
    MATCH (p)-[:HOLDS]->(:Account)<-[:FROM_ACCOUNT]-(pay:Payment)-[:TO_ACCOUNT]->(a:Account)
    WHERE NOT EXISTS { (a)<-[:HOLDS]-() }
      AND left(toString(pay.at), 19) <= f.before
      AND (any(c IN coalesce(pay.seenIn, []) WHERE c IN $lists.scope)
           OR EXISTS { (pay)-[:IN_REGION]->(g:Region) WHERE g.code IN $lists.scope })
    WITH a, pay LIMIT $scan
    RETURN count(pay) AS paymentsUnheld, sum(coalesce(toFloat(pay.amount), 0.0)) AS amountUnheld,
           count(DISTINCT a) AS accountsUnheld
  }
  RETURN collect({key: f.key, before: f.before, label: labels(p)[0], name: p.name,
                  goods: goods, money: money,
                  beyond: {parcels: parcelsBeyond, senders: sendersBeyond, payments: paymentsBeyond,
                           amount: amountBeyond, payees: payeesBeyond, unnamedParcels: parcelsUnnamed,
                           unheldPayments: paymentsUnheld, unheldAmount: amountUnheld,
                           unheldAccounts: accountsUnheld}}) AS level4
}
UNWIND level1 + level2 + level3 + level4 AS r
RETURN r.key AS key, r.before AS before, r.label AS label, r.name AS name, r.goods AS goods, r.money AS money,
       r.beyond AS beyond
