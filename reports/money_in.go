package reports

import (
	"context"
	"io"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/money"
)

// MoneyIn is a coop's "tiền về" for one month (GET /coops/{id}/payments):
// the orders whose money arrived that month and how, the bank-transfer
// orders of that month still unpaid more than a day after they were placed,
// and the sums. Months are Viet Nam's (Location).
type MoneyIn struct {
	Coop  *CoopRef `json:"coop"`
	Month string   `json:"month"`
	// Paid are the orders paid in the month, in the order the money came.
	Paid []PaidOrder `json:"paid"`
	// Waiting are bank-transfer orders placed in the month, not
	// cancelled, unpaid for more than WaitingAfter.
	Waiting         []WaitingOrder `json:"unpaid_transfers"`
	TransferVND     int64          `json:"transfer_vnd"`
	CODCollectedVND int64          `json:"cod_collected_vnd"`
	WaitingVND      int64          `json:"unpaid_transfers_vnd"`
}

// How an order's money arrived (PaidOrder.How).
const (
	PaidByBank   = "bank"   // the bank's notice matched it (SePay)
	PaidByStaff  = "staff"  // Hội staff attached a transfer by hand
	PaidBySeller = "seller" // the seller marked the transfer received
	PaidByCOD    = "cod"    // cash collected at delivery
)

// PaidOrder is one order whose money arrived.
type PaidOrder struct {
	Code          string    `json:"code"`
	PaymentMethod string    `json:"payment_method"`
	How           string    `json:"how"`
	PaidAt        time.Time `json:"paid_at"`
	TotalVND      int64     `json:"total_vnd"`
	PaymentRef    string    `json:"payment_ref"`
}

// WaitingOrder is a bank-transfer order whose money has not come.
type WaitingOrder struct {
	Code      string    `json:"code"`
	CreatedAt time.Time `json:"created_at"`
	TotalVND  int64     `json:"total_vnd"`
}

// WaitingAfter is how long a transfer may take before the seller is shown
// it as late: banks settle within minutes, buyers within a day.
const WaitingAfter = 24 * time.Hour

// monthLayout is how a month is asked for: ?month=2026-12.
const monthLayout = "2006-01"

// CoopMoneyIn answers a coop's "tiền về" for month (YYYY-MM; "" is this
// month) to its members and the staff who oversee it (ReadCoopReport).
func (s *Service) CoopMoneyIn(ctx context.Context, a kernel.Caller, coopID, month string, now time.Time) (*MoneyIn, error) {
	db := s.read(ctx)
	c, err := coopFor(db, a, coopID)
	if err != nil {
		return nil, err
	}
	if month == "" {
		month = now.In(Location).Format(monthLayout)
	}
	start, err := time.ParseInLocation(monthLayout, month, Location)
	if err != nil || start.Year() < 2000 || start.Year() > 2100 {
		return nil, apperr.Field("month", "Tháng phải có dạng YYYY-MM, ví dụ 2026-12.")
	}
	from, to := start.UTC(), start.AddDate(0, 1, 0).UTC()
	out := &MoneyIn{Coop: c, Month: month, Paid: []PaidOrder{}, Waiting: []WaitingOrder{}}

	var paid []struct {
		PaidOrder
		AttachedBy *string
	}
	err = db.Table("orders o").
		Select("o.code, o.payment_method, o.paid_at, o.total_vnd, o.payment_ref, bp.attached_by").
		Joins("LEFT JOIN bank_payments bp ON bp.order_id = o.id").
		Where("o.coop_id = ? AND o.payment_status = 'paid' AND o.paid_at >= ? AND o.paid_at < ?", c.ID, from, to).
		Order("o.paid_at, o.id").Scan(&paid).Error
	if err != nil {
		return nil, apperr.Wrap(err, "read paid orders")
	}
	ok := true
	for _, p := range paid {
		r := p.PaidOrder
		r.PaidAt = r.PaidAt.UTC()
		switch {
		case r.PaymentMethod == "cod":
			r.How = PaidByCOD
			out.CODCollectedVND, ok = addChecked(out.CODCollectedVND, r.TotalVND, ok)
		case p.AttachedBy != nil && *p.AttachedBy != "":
			r.How = PaidByStaff
		case r.PaymentRef != "":
			r.How = PaidByBank
		default:
			r.How = PaidBySeller
		}
		if r.PaymentMethod != "cod" {
			out.TransferVND, ok = addChecked(out.TransferVND, r.TotalVND, ok)
		}
		out.Paid = append(out.Paid, r)
	}

	err = db.Table("orders").Select("code, created_at, total_vnd").
		Where("coop_id = ? AND payment_method = 'bank_transfer' AND payment_status = 'unpaid' AND status <> 'cancelled'", c.ID).
		Where("created_at >= ? AND created_at < ? AND created_at < ?", from, to, now.UTC().Add(-WaitingAfter)).
		Order("created_at, id").Scan(&out.Waiting).Error
	if err != nil {
		return nil, apperr.Wrap(err, "read unpaid transfers")
	}
	for i := range out.Waiting {
		out.Waiting[i].CreatedAt = out.Waiting[i].CreatedAt.UTC()
		out.WaitingVND, ok = addChecked(out.WaitingVND, out.Waiting[i].TotalVND, ok)
	}
	if !ok {
		return nil, errReportTooLarge()
	}
	return out, nil
}

func addChecked(sum, v int64, ok bool) (int64, bool) {
	s, fits := money.Add(sum, v)
	return s, ok && fits
}

// howTitle is how each way of paying reads in the CSV.
var howTitle = map[string]string{
	PaidByBank:   "Chuyển khoản (ngân hàng báo)",
	PaidByStaff:  "Chuyển khoản (cán bộ Hội gắn)",
	PaidBySeller: "Chuyển khoản (người bán xác nhận)",
	PaidByCOD:    "Tiền mặt khi nhận hàng",
}

// WriteCSV writes the month as one table: the paid orders, then the
// transfers still awaited.
func (m *MoneyIn) WriteCSV(w io.Writer) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	const at = "2006-01-02 15:04"
	cw.row("Mã đơn", "Tình trạng", "Cách trả", "Thời điểm", "Số tiền (VND)", "Mã giao dịch")
	for _, p := range m.Paid {
		cw.row(p.Code, "Đã nhận tiền", howTitle[p.How], p.PaidAt.In(Location).Format(at), itoa(p.TotalVND), cell(p.PaymentRef))
	}
	for _, o := range m.Waiting {
		cw.row(o.Code, "Chưa nhận chuyển khoản", "Chuyển khoản", o.CreatedAt.In(Location).Format(at), itoa(o.TotalVND), "")
	}
	return cw.err
}

// Filename is the CSV's download name: tien-ve-<coop>-2026-12.csv.
func (m *MoneyIn) Filename() string { return "tien-ve-" + m.Coop.Slug + "-" + m.Month + ".csv" }
