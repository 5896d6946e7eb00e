package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/orders"
)

// TestPaidOrderShowsNoVietQR: once the seller marked a bank transfer paid,
// neither the order page nor the image route offers the QR code again.
func TestPaidOrderShowsNoVietQR(t *testing.T) {
	a := newTestApp(t, true)
	ctx := context.Background()
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	in := orders.CheckoutInput{
		Items:           []orders.LineInput{{VariantID: p.Variants[0].ID, Quantity: 1}},
		Buyer:           &orders.BuyerInput{Name: "Nguyễn Văn An", Phone: "0912345670"},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Ba Đình", Street: "12 Phan Đình Phùng"},
		PaymentMethod:   orders.PayBankTransfer,
	}
	res, err := a.Orders.Checkout(ctx, catalog.Anonymous, orders.CheckoutRequest{Key: "qr-paid", Input: in})
	if err != nil || res.Status != http.StatusCreated {
		t.Fatalf("checkout: %v %v", res, err)
	}
	var placed orders.CheckoutResult
	if err := json.Unmarshal(res.Body, &placed); err != nil {
		t.Fatal(err)
	}
	code := placed.Orders[0].Code
	shopper := a.browser()
	if r := shopper.get("/don-hang/" + code + "?sdt=0912345670"); r.Status != http.StatusOK || !strings.Contains(r.Body, "vietqr.png") {
		t.Fatalf("unpaid order page must show the QR: %d", r.Status)
	}
	var sellerID string
	a.DB.Raw("SELECT id FROM users WHERE phone = ?", demoSeller).Scan(&sellerID)
	if _, err := a.Orders.MarkPaid(ctx, orders.Caller{Actor: catalog.Actor{UserID: sellerID, Role: "seller"}}, code); err != nil {
		t.Fatal(err)
	}
	if r := shopper.get("/don-hang/" + code + "?sdt=0912345670"); r.Status != http.StatusOK || strings.Contains(r.Body, "vietqr.png") {
		t.Fatalf("paid order page must not show the QR: %d", r.Status)
	}
	if r := shopper.get("/don-hang/" + code + "/vietqr.png?sdt=0912345670"); r.Status != http.StatusConflict {
		t.Fatalf("QR image of a paid order: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
}
