// Package policy is the one place that decides who may do what to a
// cooperative, a product, an order or a report row. Services load the facts
// in the caller's transaction (Facts: what the caller is to the coop, the
// coop's status and province, whether they bought the order), ask Decide,
// and turn a refusal into the error the caller gets with Decision.Err. No
// service decides on its own.
//
// It is a package of its own, not a type in kernel, because it is a rule,
// not a shared noun: kernel says who calls and how lists page, and every
// package imports it; policy says what that caller may do, and only the
// services that guard rows import it. It imports kernel and apperr, nothing
// of a domain, so catalog, orders and reports all ask it without importing
// each other.
//
// The rule, in words:
//   - What the caller may not know about does not exist for them (Hide,
//     answered as not_found): a coop they neither run nor oversee, an order
//     they neither bought nor sold. Who knows the row exists but may not do
//     this to it is refused (Refuse, forbidden).
//   - The people who run a coop (owner, member, steward) read its back
//     office and edit its products; only the owner (and staff) change the
//     coop itself, its members, and read its audit log.
//   - Hội staff oversee the coops of their province; staff without a
//     province oversee all of them. Outside their province staff are like
//     any signed-in person: another province's coop, its products and its
//     sellers do not exist for them (Hide), whatever the staff action.
//     Their staff lists cover what they oversee (Oversight). Each province
//     has featured lists its staff curate (Curate); the national lists,
//     categories and the market's reports are for staff without a province.
//   - Only the buyer cancels or reviews an order; only the people who run
//     the selling coop advance it, staff included only as members.
//   - Nobody buys from or reviews a coop they run (issue 11 item 19).
package policy
