package i18n

// viPlaces is the Vietnamese of the place picker and the address book
// (issue 15). Merged into the "vi" catalogue.
var viPlaces = Catalogue{
	"place.refresh":           "Hiện xã, phường của tỉnh đã chọn",
	"place.filter":            "Gõ tên xã, phường (không cần dấu)",
	"place.count":             "Có %d xã, phường phù hợp",
	"place.province.first":    "Hãy chọn tỉnh, thành phố trước",
	"addresses.title":         "Sổ địa chỉ",
	"addresses.help":          "Địa chỉ mặc định được điền sẵn khi bạn thanh toán. Lưu được tối đa 20 địa chỉ.",
	"addresses.none":          "Bạn chưa lưu địa chỉ nào.",
	"addresses.default":       "Mặc định",
	"addresses.make.default":  "Đặt làm mặc định",
	"addresses.delete":        "Xoá",
	"addresses.delete.ask":    "Xoá địa chỉ này khỏi sổ?",
	"addresses.add":           "Thêm địa chỉ",
	"addresses.recipient":     "Tên người nhận",
	"addresses.set.default":   "Dùng làm địa chỉ mặc định",
	"addresses.save":          "Lưu địa chỉ",
	"addresses.link":          "Sổ địa chỉ",
	"addresses.checkout":      "Đã điền địa chỉ trong sổ địa chỉ của bạn.",
	"addresses.choose":        "Giao đến địa chỉ khác đã lưu",
	"flash.address.added":     "Đã lưu địa chỉ.",
	"flash.address.default":   "Đã đổi địa chỉ mặc định.",
	"flash.address.deleted":   "Đã xoá địa chỉ.",
	"staff.coops.places":      "Địa danh cần xem lại",
	"staff.coops.places.help": "Các hợp tác xã này ghi xã, phường từ trước khi Gánh kiểm tra địa danh, và tên đó không có trong danh sách xã, phường từ ngày 01/07/2025. Hãy liên hệ để họ chọn lại xã, phường.",
	"staff.coops.places.none": "Không còn hợp tác xã nào cần xem lại địa danh.",
}
