package orders

import "gorm.io/gorm"

// ErasedBuyerName is the buyer of an order whose account was erased: the
// order stays for the books, the person does not.
const ErasedBuyerName = "Khách đã xoá tài khoản"

// hers selects a person's orders as buyer: placed signed in (user_id), or
// as a guest with her phone.
const hers = "(user_id = ? OR buyer_phone = ?)"

// AnonymiseBuyer is what erasing an account (package privacy) does to the
// orders side, in the caller's transaction: her orders as buyer stay for
// the tax books and the sellers' records with the buyer renamed
// ErasedBuyerName, no phone, no note and no account; those delivered or
// cancelled also lose their delivery address (the others still have to
// arrive); her reviews stay without her name; stored checkout answers,
// which repeat her name and phone, are deleted. The statements that find
// her orders by account or phone run before the one that clears both.
func AnonymiseBuyer(tx *gorm.DB, userID, phone string) error {
	steps := []struct {
		sql  string
		args []any
	}{
		{`UPDATE reviews SET reviewer_name = ?, user_id = NULL
			WHERE user_id = ? OR order_id IN (SELECT id FROM orders WHERE ` + hers + `)`, []any{ErasedBuyerName, userID, userID, phone}},
		{`UPDATE orders SET ship_commune = '', ship_commune_code = '', ship_street = ''
			WHERE ` + hers + ` AND status IN ('delivered', 'cancelled')`, []any{userID, phone}},
		{`UPDATE orders SET buyer_name = ?, buyer_phone = '', note = '', user_id = NULL WHERE ` + hers, []any{ErasedBuyerName, userID, phone}},
		// scopeOf: a signed-in checkout's scope names the account, a
		// guest's the phone.
		{`DELETE FROM idempotency_keys WHERE scope = ? OR scope = ?`, []any{"user:" + userID, "phone:" + phone}},
	}
	for _, st := range steps {
		if err := tx.Exec(st.sql, st.args...).Error; err != nil {
			return err
		}
	}
	return nil
}
