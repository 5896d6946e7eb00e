// Package privacy is what Gánh holds about a person and what she may do
// with it (Decree 13/2023/NĐ-CP on personal data protection): download it
// all (Export) and erase her account (Erase). Holdings, below, is the one
// list of the tables that name a person; a test fails when a table with a
// user column is missing from it.
package privacy

// Holding is one table column that names a person by her account id, and
// how the export shows those rows.
type Holding struct {
	Table  string
	Column string
	// Section is the key of the export object the rows are listed under.
	Section string
	// Omit are columns never exported: secrets stored as hashes, which
	// are of no use to the person and of use to a thief.
	Omit []string
	// Optional tables may not exist yet (another part of the marketplace
	// adds them); the export skips them while they are missing, erasure
	// deletes their rows when they exist.
	Optional bool
	// Custom sections are written by their own code (orders with their
	// items, the account as one object), not row by row.
	Custom bool
	// Why explains a holding whose rows survive erasure, or are changed
	// rather than deleted; erase.go does what it says.
	Why string
}

// Holdings lists every table column that names a person. Erasure deletes
// the account row; foreign keys then delete or detach the rows below (as
// Why says), and erase.go anonymises what is kept.
var Holdings = []Holding{
	{Table: "users", Column: "id", Section: "account", Omit: []string{"password_hash"}, Custom: true},
	{Table: "privacy_consents", Column: "user_id", Section: "consent"},
	{Table: "sessions", Column: "user_id", Section: "sessions", Omit: []string{"token_hash"}},
	{Table: "orders", Column: "user_id", Section: "orders", Custom: true,
		Why: "kept for the books (tax, the seller's records) with the buyer anonymised"},
	{Table: "reviews", Column: "user_id", Section: "reviews", Why: "kept without the reviewer's name"},
	{Table: "coop_members", Column: "user_id", Section: "memberships"},
	{Table: "media_uploads", Column: "user_id", Section: "photo_uploads"},
	{Table: "password_reset_codes", Column: "user_id", Section: "reset_codes", Omit: []string{"code_hash"}},
	{Table: "password_reset_codes", Column: "issued_by", Section: "reset_codes_issued", Omit: []string{"code_hash"},
		Why: "staff who issued codes: the code stays, the issuer is detached"},
	{Table: "account_audit_log", Column: "subject_id", Section: "account_audit",
		Why: "the record of resets holds ids and addresses only, no phone or name"},
	{Table: "account_audit_log", Column: "actor_id", Section: "account_audit_by_me",
		Why: "the record of resets holds ids and addresses only, no phone or name"},
	{Table: "coop_audit_log", Column: "actor_id", Section: "coop_changes", Why: "the coop's history stays, the actor is detached"},
	{Table: "coop_audit_log", Column: "subject_id", Section: "coop_changes_about_me",
		Why: "a coop's record of members added and removed names them by account id only"},
	{Table: "coop_status_history", Column: "actor_id", Section: "coop_status_changes", Why: "the coop's history stays, the actor is detached"},
	{Table: "order_status_history", Column: "actor", Section: "order_status_changes",
		Why: "an order's history stays; it names the actor by account id only"},
	{Table: "saved_addresses", Column: "user_id", Section: "saved_addresses"},
	{Table: "bank_payments", Column: "attached_by", Section: "payments_attached",
		Why: "bank money staff attached to an order stays for the books; it names the staff member by account id only"},
	{Table: "notifications", Column: "user_id", Section: "notifications"},
	{Table: "notification_messages", Column: "user_id", Section: "notification_deliveries"},
	{Table: "notification_settings", Column: "user_id", Section: "notification_settings"},
	{Table: "push_subscriptions", Column: "user_id", Section: "push_subscriptions", Omit: []string{"p256dh", "auth"}},
	{Table: "referrers", Column: "user_id", Section: "referrer_code",
		Why: "a member's referrer code stays for her chapter's reports (under the name Hội staff gave it); the link to her account is cleared"},
	{Table: "referrers", Column: "created_by", Section: "referrers_created",
		Why: "staff who registered chapters and members: the referrer stays, named by account id only"},
}
