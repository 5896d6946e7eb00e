package i18n

// viPhotos are the words of the product form's background photo upload and
// of the installable app (its name, the offline page); merged into the "vi"
// catalogue.
var viPhotos = Catalogue{
	"photo.upload.sending":    "Đang gửi ảnh… %s",
	"photo.upload.preparing":  "Đang thu nhỏ ảnh…",
	"photo.upload.done":       "Đã tải ảnh lên; ảnh được lưu khi bạn bấm nút bên dưới.",
	"photo.upload.retry":      "Mất kết nối, đang chờ mạng để gửi tiếp phần còn lại…",
	"photo.upload.wait":       "Đang chờ ảnh tải xong, sản phẩm sẽ được lưu ngay sau đó…",
	"photo.upload.failed":     "Chưa gửi được ảnh trước; ảnh sẽ được gửi cùng biểu mẫu.",
	"photo.upload.gone":       "Ảnh tải lên trước đó không còn nữa, xin chọn lại ảnh.",
	"photo.upload.unfinished": "Ảnh chưa tải lên xong, xin chọn lại ảnh.",
	"app.name":                "Gánh",
	"app.short":               "Gánh",
	"app.description":         "Chợ của các hợp tác xã phụ nữ Việt Nam",
	"offline.title":           "Bạn đang ngoại tuyến",
	"offline.text":            "Điện thoại đang không có mạng. Những trang bạn đã mở vẫn xem được; đặt hàng, giỏ hàng và lưu thay đổi cần có mạng.",
	"offline.retry":           "Thử lại",
	"offline.banner":          "Bạn đang ngoại tuyến: đây là trang đã lưu, có thể chưa mới nhất.",
}
