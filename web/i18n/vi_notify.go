package i18n

// viNotify are the words of the notification pages: the bell, the inbox,
// the settings and the staff page of failed deliveries; merged into the
// "vi" catalogue. The messages themselves are worded by package notify's
// catalogue, where they are made.
var viNotify = Catalogue{
	"nav.bell":               "Thông báo",
	"nav.bell.unread":        "Thông báo, %d chưa đọc",
	"notify.title":           "Thông báo",
	"notify.empty":           "Chưa có thông báo nào.",
	"notify.unread":          "Chưa đọc",
	"notify.read_all":        "Đánh dấu tất cả đã đọc",
	"notify.settings.link":   "Cài đặt thông báo",
	"notify.settings.title":  "Cài đặt thông báo",
	"notify.settings.lead":   "Chọn những cách Gánh báo tin cho bạn. Hộp thông báo trong ứng dụng luôn bật.",
	"notify.settings.inbox":  "Hộp thông báo trong ứng dụng (luôn bật)",
	"notify.settings.push":   "Thông báo đẩy trên điện thoại, máy tính",
	"notify.settings.zalo":   "Tin nhắn Zalo",
	"notify.settings.sms":    "Tin nhắn SMS",
	"notify.settings.email":  "Thư điện tử (cán bộ Hội)",
	"notify.settings.off":    "(chưa cấu hình trên Gánh)",
	"notify.settings.save":   "Lưu cài đặt",
	"flash.notify.settings":  "Đã lưu cài đặt thông báo.",
	"flash.notify.read":      "Đã đánh dấu tất cả thông báo là đã đọc.",
	"staff.notify.title":     "Thông báo gửi không được",
	"staff.notify.lead":      "Những tin đã thử gửi hết số lần mà vẫn không tới được người nhận.",
	"staff.notify.empty":     "Không có tin nào gửi hỏng.",
	"staff.notify.channel":   "Kênh",
	"staff.notify.recipient": "Người nhận",
	"staff.notify.attempts":  "Số lần thử",
	"staff.notify.error":     "Lỗi cuối",
	"staff.notify.link":      "Thông báo gửi hỏng",
}
