// Package reports answers the aggregates Hội staff and sellers ask for, and
// maintains the daily sales rollups it answers them from. Service only
// reads: an overview of the marketplace and sales grouped by month, province,
// top-level category, cooperative or product, as Go values or as CSV that
// Excel opens with its Vietnamese intact.
//
// The rules every figure follows:
//   - Sales count delivered orders only. GMV (gmv_vnd) is their merchandise
//     value, subtotal_vnd, shipping excluded; items is the sum of quantities.
//   - An order belongs to the local date on which it was placed (its
//     created_at), in Asia/Ho_Chi_Minh time (UTC+7 all year), not to the day
//     it was delivered: a month's figures only grow while its late orders
//     arrive, and a placed order never moves to another month.
//   - A period is an inclusive range of local dates; an open bound means
//     all time on that side.
//
// Sales are read from daily rollups (migration 00006: sales_daily,
// sales_daily_categories, sales_daily_products), so a report over a million
// orders reads thousands of rows. These tables are the only ones reports
// writes. Rollups.RecordDelivered adds an order to them in the transaction
// that moves it to delivered (the orders service calls it as its
// orders.DeliveryRecorder, which cmd/ganh wires in); Rebuild recomputes them
// from scratch. A top-level category row counts an order once however many of
// its products the order holds, and uses the category the product was in
// when the order was delivered.
//
// Who sees what: the overview, marketplace-wide sales and the chapters'
// leaderboard are for staff, over every cooperative for staff of every
// province and over their province's for a province's staff
// (policy.MarketReport, applied as a coop filter in each query); a
// cooperative's sales are for its members (owner, member, steward) and
// staff, and to anyone else the cooperative does not exist.
package reports
