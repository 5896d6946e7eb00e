package reports

import (
	"errors"
	"strings"

	"github.com/ganh-market/ganh/apperr"
)

// Sums never wrap. On PostgreSQL, SUM over bigint columns is computed in
// numeric, exactly, and the CAST back to BIGINT (as the JSON's int64 needs)
// fails with numeric_value_out_of_range when the figure does not fit; so
// does adding to a bigint rollup column. On SQLite, SUM fails with "integer
// overflow", and migration 00009 makes a rollup update that would turn a
// count into a float fail the same way. Those failures become the clear
// errors below instead of a 500, and never a wrong figure. Within the price
// and quantity bounds they take some hundred thousand of the largest orders.

// sumOverflow says whether the database refused a sum that does not fit.
func sumOverflow(err error) bool {
	var state interface{ SQLState() string }
	if errors.As(err, &state) {
		return state.SQLState() == "22003" // numeric_value_out_of_range
	}
	return err != nil && strings.Contains(err.Error(), "integer overflow")
}

// errReportTooLarge answers a report whose figures do not fit: a shorter
// period has smaller sums.
func errReportTooLarge() error {
	return apperr.Invalid("Số liệu của khoảng thời gian này vượt quá giới hạn tính được.",
		apperr.FieldError{Field: "from", Message: "Hãy chọn khoảng thời gian ngắn hơn."})
}

// errRollupFull refuses a delivery that would carry a rollup past what it
// can hold; the order stays where it was.
func errRollupFull() error {
	return apperr.Conflictf(apperr.CodeConflict, "Doanh số đã ghi nhận của hợp tác xã vượt quá giới hạn tính được; xin liên hệ cán bộ Hội.")
}
