package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
)

// TestPaidOrderShowsNoVietQR: once the seller marked a bank transfer paid,
// neither the order page nor the image route offers the QR code again.
func TestPaidOrderShowsNoVietQR(t *testing.T) {
	a := newTestApp(t, true)
	ctx := context.Background()
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	code := placeGuestOrder(t, a, "qr-paid", "0912345670", p.Variants[0].ID, 1, orders.PayBankTransfer).Code
	shopper := a.browser()
	if r := shopper.get("/don-hang/" + code + "?sdt=0912345670"); r.Status != http.StatusOK || !strings.Contains(r.Body, "vietqr.png") {
		t.Fatalf("unpaid order page must show the QR: %d", r.Status)
	}
	var sellerID string
	a.DB.Raw("SELECT id FROM users WHERE phone = ?", demoSeller).Scan(&sellerID)
	if _, err := a.Orders.MarkPaid(ctx, orders.Caller{Actor: kernel.Caller{UserID: sellerID, Role: "seller"}}, code); err != nil {
		t.Fatal(err)
	}
	if r := shopper.get("/don-hang/" + code + "?sdt=0912345670"); r.Status != http.StatusOK || strings.Contains(r.Body, "vietqr.png") {
		t.Fatalf("paid order page must not show the QR: %d", r.Status)
	}
	if r := shopper.get("/don-hang/" + code + "/vietqr.png?sdt=0912345670"); r.Status != http.StatusConflict {
		t.Fatalf("QR image of a paid order: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
}

// placeGuestOrder checks out one line as a guest through the orders service
// and returns the order.
func placeGuestOrder(t *testing.T, a *testApp, key, phone, variantID string, qty int, method orders.PaymentMethod) orders.Order {
	t.Helper()
	res, err := a.Orders.Checkout(context.Background(), kernel.Anonymous, orders.CheckoutRequest{Key: key, Input: orders.CheckoutInput{
		Items: []orders.LineInput{{VariantID: variantID, Quantity: qty}}, Buyer: &orders.BuyerInput{Name: "Nguyễn Văn An", Phone: phone},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Ba Đình", Street: "12 Phan Đình Phùng"}, PaymentMethod: method}})
	if err != nil || res.Status != http.StatusCreated {
		t.Fatalf("checkout: %v %v", res, err)
	}
	var placed orders.CheckoutResult
	if err := json.Unmarshal(res.Body, &placed); err != nil {
		t.Fatal(err)
	}
	return placed.Orders[0]
}
