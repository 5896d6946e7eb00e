package orders_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
)

// The coops of the fixture take transfers to account 0123456789.
const coopAccount = "0123456789"

var noticeID atomic.Int64

// notice is an incoming transfer to the coop's account, with a fresh id.
func notice(content string, amount int64) orders.BankNotice {
	return orders.BankNotice{
		ID: 900000 + noticeID.Add(1), Gateway: "Vietcombank", TransactionDate: "2026-12-04 10:30:00",
		AccountNumber: coopAccount, Content: content, TransferType: "in", TransferAmount: amount,
		ReferenceCode: "FT2633800001", Description: "BankAPINotify " + content,
	}
}

// transferOrder is a guest's bank-transfer order of one unit of p.
func (f *fixture) transferOrder(variantID, phone string) orders.Order {
	f.t.Helper()
	in := guestInput(phone, line(variantID, 1))
	in.PaymentMethod = orders.PayBankTransfer
	return f.mustCheckout(kernel.Anonymous, in).Orders[0]
}

func (f *fixture) order(code, phone string) *orders.Order {
	f.t.Helper()
	o, err := f.s.Order(f.ctx, orders.Caller{Phone: phone}, code)
	if err != nil {
		f.t.Fatal(err)
	}
	return o
}

func (f *fixture) record(n orders.BankNotice) *orders.BankOutcome {
	f.t.Helper()
	out, err := f.s.RecordBankNotice(f.ctx, n)
	if err != nil {
		f.t.Fatalf("record %+v: %v", n, err)
	}
	return out
}

// TestSePayMatching: every way people write the note pays the order;
// everything else is kept, unmatched, with its reason.
func TestSePayMatching(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		sh := f.coop("HTX Dệt Thổ Cẩm", 30000, 0, true)
		p := f.product(sh, "Túi thổ cẩm", 250000, 100)
		const phone = "0912002000"
		const total = 280000

		for _, write := range []func(code string) string{
			func(c string) string { return c },
			func(c string) string { return "gn" + lower(c[3:]) },
			func(c string) string { return "CK GN " + c[3:] + " tu NGUYEN VAN A" },
			func(c string) string { return "MBVCB.8812.CT" + c[:2] + c[3:] + "CHUYEN TIEN" },
		} {
			o := f.transferOrder(p.Variants[0].ID, phone)
			events := f.count("SELECT COUNT(*) FROM outbox WHERE topic = 'notify'")
			n := notice(write(o.Code), total)
			if out := f.record(n); out.Reason != "" || out.OrderCode != o.Code {
				t.Fatalf("%q: %+v", n.Content, out)
			}
			got := f.order(o.Code, phone)
			if got.PaymentStatus != orders.Paid || got.PaidAt == nil || got.PaymentRef != n.ReferenceCode {
				t.Errorf("%q: order %s %v %q", n.Content, got.PaymentStatus, got.PaidAt, got.PaymentRef)
			}
			if last := got.History[len(got.History)-1]; last.By != orders.ByBank {
				t.Errorf("history: %+v", last)
			}
			if f.count("SELECT COUNT(*) FROM outbox WHERE topic = 'notify'") != events+1 {
				t.Error("the coop and the buyer are told through one order_paid event")
			}
		}

		// The code can come in SePay's own code field, the content empty.
		o := f.transferOrder(p.Variants[0].ID, phone)
		n := notice("", total)
		code := o.Code
		n.Code = &code
		if out := f.record(n); out.Reason != "" {
			t.Errorf("code field: %+v", out)
		}

		unmatched := func(n orders.BankNotice, reason string) {
			t.Helper()
			if out := f.record(n); out.Reason != reason {
				t.Errorf("%q: reason %q, want %q", n.Content, out.Reason, reason)
			}
		}
		unmatched(notice("chuyen tien hang", total), orders.ReasonNoCode)
		unmatched(notice("GN-ABCDEF", total), orders.ReasonUnknownCode)

		short := f.transferOrder(p.Variants[0].ID, phone)
		unmatched(notice(short.Code, total-1), orders.ReasonShortAmount)

		wrong := notice(short.Code, total)
		wrong.AccountNumber = "9990001112"
		unmatched(wrong, orders.ReasonWrongAccount)

		cancelled := f.transferOrder(p.Variants[0].ID, phone)
		if _, err := f.s.Cancel(f.ctx, orders.Caller{Phone: phone}, cancelled.Code, "Đổi ý."); err != nil {
			t.Fatal(err)
		}
		unmatched(notice(cancelled.Code, total), orders.ReasonCancelled)
		unmatched(notice(o.Code, total), orders.ReasonAlreadyPaid)

		cod := f.mustCheckout(kernel.Anonymous, guestInput(phone, line(p.Variants[0].ID, 1))).Orders[0]
		unmatched(notice(cod.Code, total), orders.ReasonCODOrder)

		// The coop hears of money in its account that paid nothing: short,
		// cancelled, already paid, COD; not of money elsewhere or without a code.
		if got := f.count("SELECT COUNT(*) FROM outbox WHERE topic = 'notify' AND CAST(payload AS TEXT) LIKE '%payment_unmatched%'"); got != 4 {
			t.Errorf("%d payment_unmatched events, want 4", got)
		}

		out := notice(short.Code, total)
		out.TransferType = "out"
		unmatched(out, orders.ReasonOut)
		if got := f.order(short.Code, phone); got.PaymentStatus != orders.Unpaid {
			t.Error("an unmatched notice paid an order")
		}

		// Staff see every unmatched one but the outgoing transfer.
		page, err := f.s.UnmatchedPayments(f.ctx, f.staff, kernel.PageRequest{Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		seen := len(page.Items)
		for page.NextCursor != nil {
			if page, err = f.s.UnmatchedPayments(f.ctx, f.staff, kernel.PageRequest{Limit: 3, Cursor: *page.NextCursor}); err != nil {
				t.Fatal(err)
			}
			seen += len(page.Items)
		}
		if seen != 7 {
			t.Errorf("unmatched list holds %d, want 7", seen)
		}
		if _, err := f.s.UnmatchedPayments(f.ctx, sh.owner, kernel.PageRequest{}); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("a seller reads the unmatched list: %v", err)
		}

		// Invalid notices are refused before any work.
		bad := notice("GN-ABCDEF", -1)
		bad.ID = 0
		_, err = f.s.RecordBankNotice(f.ctx, bad)
		wantField(t, err, "id")
		wantField(t, err, "transferAmount")
	})
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// TestSePayRetriesMarkOnce: SePay retries a notice it got no answer to;
// five copies of one id at once mark the order once and keep one row.
func TestSePayRetriesMarkOnce(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		sh := f.coop("HTX Lụa Vạn Phúc", 30000, 0, true)
		p := f.product(sh, "Khăn lụa", 300000, 10)
		o := f.transferOrder(p.Variants[0].ID, "0912002100")
		n := notice("CK "+o.Code, 330000)
		var wg sync.WaitGroup
		var dup atomic.Int32
		for range 5 {
			wg.Go(func() {
				out, err := f.s.RecordBankNotice(f.ctx, n)
				if err != nil {
					t.Error(err)
					return
				}
				if out.Duplicate {
					dup.Add(1)
				}
			})
		}
		wg.Wait()
		if dup.Load() != 4 {
			t.Errorf("%d duplicates, want 4", dup.Load())
		}
		if got := f.count("SELECT COUNT(*) FROM bank_payments"); got != 1 {
			t.Errorf("%d rows kept", got)
		}
		if got := f.count("SELECT COUNT(*) FROM order_status_history WHERE actor = 'bank'"); got != 1 {
			t.Errorf("%d history rows", got)
		}
		if got := f.count("SELECT COUNT(*) FROM outbox WHERE topic = 'notify' AND CAST(payload AS TEXT) LIKE '%order_paid%'"); got != 1 {
			t.Errorf("%d paid events", got)
		}
	})
}

// TestSePayRacesCancel: a transfer arriving while the buyer cancels ends as
// exactly one of paid or cancelled-and-unmatched, never both, never neither.
func TestSePayRacesCancel(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		sh := f.coop("HTX Mây Tre", 30000, 0, true)
		p := f.product(sh, "Giỏ mây", 100000, 100)
		const phone = "0912002200"
		for range 10 {
			o := f.transferOrder(p.Variants[0].ID, phone)
			var out *orders.BankOutcome
			var cancelErr, payErr error
			var wg sync.WaitGroup
			wg.Go(func() { _, cancelErr = f.s.Cancel(f.ctx, orders.Caller{Phone: phone}, o.Code, "Đổi ý.") })
			wg.Go(func() { out, payErr = f.s.RecordBankNotice(f.ctx, notice(o.Code, 130000)) })
			wg.Wait()
			if payErr != nil {
				t.Fatal(payErr)
			}
			got := f.order(o.Code, phone)
			switch {
			case cancelErr == nil && out.Reason == orders.ReasonCancelled:
				if got.Status != orders.StatusCancelled || got.PaymentStatus != orders.Unpaid {
					t.Errorf("cancel won, order %s/%s", got.Status, got.PaymentStatus)
				}
			case apperr.KindOf(cancelErr) == apperr.KindConflict && out.Reason == "":
				if got.Status != orders.StatusPending || got.PaymentStatus != orders.Paid {
					t.Errorf("payment won, order %s/%s", got.Status, got.PaymentStatus)
				}
			default:
				t.Errorf("cancel %v, payment %+v: order %s/%s", cancelErr, out, got.Status, got.PaymentStatus)
			}
		}
	})
}

// TestAttachPayment: staff of the coop's province attach unmatched money
// by hand, once, audited; others may not.
func TestAttachPayment(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		sh := f.coop("HTX Nón Lá", 30000, 0, true)
		p := f.product(sh, "Nón lá", 70000, 100)
		const phone = "0912002300"
		o := f.transferOrder(p.Variants[0].ID, phone)
		f.record(notice("tien non la", 100000))
		page, err := f.s.UnmatchedPayments(f.ctx, f.staff, kernel.PageRequest{})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("%+v %v", page, err)
		}
		id := page.Items[0].ID

		here := f.provinceStaff("ninh-binh")
		elsewhere := f.provinceStaff("ha-noi")
		if _, err := f.s.AttachPayment(f.ctx, sh.owner, id, o.Code); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("a seller attaches: %v", err)
		}
		if _, err := f.s.AttachPayment(f.ctx, elsewhere, id, o.Code); apperr.KindOf(err) != apperr.KindNotFound {
			t.Errorf("staff of another province attach: %v", err)
		}
		if pg, err := f.s.UnmatchedPayments(f.ctx, elsewhere, kernel.PageRequest{}); err != nil || len(pg.Items) != 0 {
			t.Errorf("staff of another province see %+v %v", pg, err)
		}
		if pg, err := f.s.UnmatchedPayments(f.ctx, here, kernel.PageRequest{}); err != nil || len(pg.Items) != 1 {
			t.Errorf("staff of the province see %+v %v", pg, err)
		}
		_, err = f.s.AttachPayment(f.ctx, here, "no-such-id", o.Code)
		wantCode(t, err, apperr.CodeNotFound)

		got, err := f.s.AttachPayment(f.ctx, here, id, o.Code)
		if err != nil {
			t.Fatal(err)
		}
		last := got.History[len(got.History)-1]
		if got.PaymentStatus != orders.Paid || got.PaymentRef != "FT2633800001" || last.By != here.UserID {
			t.Errorf("attached: %s %q %+v", got.PaymentStatus, got.PaymentRef, last)
		}
		if f.count("SELECT COUNT(*) FROM bank_payments WHERE attached_by = ? AND attached_at IS NOT NULL AND order_id IS NOT NULL", here.UserID) != 1 {
			t.Error("the attachment is not recorded on the notice")
		}
		_, err = f.s.AttachPayment(f.ctx, here, id, o.Code)
		wantCode(t, err, apperr.CodeConflict)
		if pg, _ := f.s.UnmatchedPayments(f.ctx, f.staff, kernel.PageRequest{}); len(pg.Items) != 0 {
			t.Error("an attached payment is still listed")
		}

		// A paid or cancelled order takes no money by hand either.
		f.record(notice("lan nua", 100000))
		pg, _ := f.s.UnmatchedPayments(f.ctx, f.staff, kernel.PageRequest{})
		_, err = f.s.AttachPayment(f.ctx, here, pg.Items[0].ID, o.Code)
		wantCode(t, err, apperr.CodeConflict)
	})
}

// TestCancelPaidOrder: a buyer cannot cancel an order the bank has paid.
func TestCancelPaidOrder(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		sh := f.coop("HTX Gốm Bát Tràng", 30000, 0, true)
		p := f.product(sh, "Bát gốm", 50000, 10)
		const phone = "0912002400"
		o := f.transferOrder(p.Variants[0].ID, phone)
		f.record(notice(o.Code, 80000))
		_, err := f.s.Cancel(f.ctx, orders.Caller{Phone: phone}, o.Code, "Đổi ý.")
		wantCode(t, err, apperr.CodeConflict)
	})
}

// provinceStaff is a Hội staff member scoped to one province.
func (f *fixture) provinceStaff(province string) kernel.Caller {
	a := f.user(kernel.RoleStaff)
	a.Province = province
	return a
}
