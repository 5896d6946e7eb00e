package notify

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/notify/event"
)

// audience is who a message is worded for: the same event reads differently
// to the coop that sold and to the person who bought.
type audience int

const (
	toMembers audience = iota // every member of the coop
	toBuyer                   // the order's buyer, account or guest
	toOwner                   // the coop's owner
)

// Text is a message as a person reads it.
type Text struct {
	Title string
	Body  string
	// Link is a path on the site (the order, the coop's pages).
	Link string
}

// statusWords are how an order's statuses read in a sentence.
var statusWords = map[string]string{
	"pending":   "chờ xác nhận",
	"confirmed": "đã được xác nhận",
	"shipping":  "đang được giao",
	"delivered": "đã giao xong",
	"cancelled": "đã bị huỷ",
}

// unmatchedWords say why bank money did not pay an order (orders.Reason…).
var unmatchedWords = map[string]string{
	"short_amount": "số tiền ít hơn tổng đơn",
	"cancelled":    "đơn đã huỷ",
	"already_paid": "đơn đã được thanh toán trước đó",
	"cod_order":    "đơn trả tiền khi nhận hàng",
}

// word is the catalogue: every sentence a notification shows, in one place.
// The buyer's link is the order page; a guest's carries her phone (guestPhone)
// so it opens without signing in.
func word(e event.Event, to audience, guestPhone string) Text {
	coop, code, total := e.CoopName, e.OrderCode, formatVND(e.TotalVND)
	seller := "/ban-hang/" + e.CoopSlug
	orders := seller + "/don-hang"
	buyer := "/don-hang/" + code
	if guestPhone != "" {
		// The local form: a "+" in a query reads as a space.
		buyer += "?sdt=" + localPhone(guestPhone)
	}
	reason := ""
	if strings.TrimSpace(e.Reason) != "" {
		reason = " Lý do: " + e.Reason
	}
	switch e.Kind {
	case event.OrderPlaced:
		return Text{"Đơn hàng mới " + code, fmt.Sprintf("%s vừa có đơn hàng %s, tổng %s. Xin xác nhận đơn sớm.", coop, code, total), orders}
	case event.OrderStatus:
		return Text{fmt.Sprintf("Đơn hàng %s %s", code, statusWords[e.Status]), buyerStatusBody(e) + reason, buyer}
	case event.OrderPaid:
		if to == toBuyer {
			return Text{"Đã nhận tiền đơn " + code, fmt.Sprintf("%s đã nhận %s cho đơn hàng %s. Cảm ơn bạn!", coop, total, code), buyer}
		}
		return Text{"Đơn " + code + " đã thanh toán", fmt.Sprintf("Đơn hàng %s đã được thanh toán %s.", code, total), orders}
	case event.OrderCancelled:
		return Text{"Người mua đã huỷ đơn " + code, fmt.Sprintf("Đơn hàng %s đã bị người mua huỷ; hàng đã được trả về kho.%s", code, reason), orders}
	case event.CoopApproved:
		return Text{"Gian hàng đã được duyệt", fmt.Sprintf("Hội đã duyệt gian hàng %s. Bạn có thể đăng sản phẩm và nhận đơn.", coop), seller}
	case event.CoopRejected:
		return Text{"Hồ sơ gian hàng chưa được duyệt", fmt.Sprintf("Hồ sơ gian hàng %s chưa được Hội duyệt.%s", coop, reason), seller}
	case event.CoopSuspended:
		return Text{"Gian hàng bị tạm ngừng", fmt.Sprintf("Gian hàng %s tạm ngừng bán trên Gánh.%s", coop, reason), seller}
	case event.ProductHidden:
		return Text{"Sản phẩm bị ẩn: " + e.ProductName, fmt.Sprintf("Cán bộ Hội đã ẩn sản phẩm «%s» của %s.%s", e.ProductName, coop, reason), seller + "/san-pham/" + e.ProductID}
	case event.PaymentUnmatched:
		return Text{"Tiền chuyển khoản chưa khớp đơn " + code, fmt.Sprintf("Có khoản chuyển khoản %s cho đơn hàng %s nhưng chưa ghi nhận được: %s. Cán bộ Hội sẽ xem xét; bạn có thể liên hệ người mua.", total, code, unmatchedWords[e.Reason]), orders}
	case event.LowStock:
		stock := 0
		if e.Stock != nil {
			stock = *e.Stock
		}
		return Text{"Sắp hết hàng: " + e.ProductName, fmt.Sprintf("«%s – %s» chỉ còn %d trong kho. Xin bổ sung hàng.", e.ProductName, e.VariantName, stock), seller + "/san-pham/" + e.ProductID}
	}
	return Text{"Thông báo từ Gánh", "", "/"}
}

// buyerStatusBody says what an order's new status means for its buyer.
func buyerStatusBody(e event.Event) string {
	switch e.Status {
	case "confirmed":
		return fmt.Sprintf("%s đã xác nhận đơn hàng %s và đang chuẩn bị hàng.", e.CoopName, e.OrderCode)
	case "shipping":
		return fmt.Sprintf("Đơn hàng %s của %s đang trên đường tới bạn.", e.OrderCode, e.CoopName)
	case "delivered":
		return fmt.Sprintf("Đơn hàng %s đã giao. Cảm ơn bạn đã ủng hộ %s!", e.OrderCode, e.CoopName)
	case "cancelled":
		return fmt.Sprintf("%s đã huỷ đơn hàng %s.", e.CoopName, e.OrderCode)
	}
	return fmt.Sprintf("Đơn hàng %s %s.", e.OrderCode, statusWords[e.Status])
}

// formatVND writes an amount the Vietnamese way: 125.000 ₫.
func formatVND(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String() + "\u00a0₫"
	if neg {
		out = "-" + out
	}
	return out
}

// localPhone writes +84… as 0…, the way people type it on the order page.
func localPhone(p string) string {
	if rest, ok := strings.CutPrefix(p, "+84"); ok {
		return "0" + rest
	}
	return p
}
