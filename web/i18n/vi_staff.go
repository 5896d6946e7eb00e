package i18n

// viStaff is the Vietnamese of the Hội's network pages (issue 16): staff
// scoped to a province, featured lists per province, the staff desk.
var viStaff = Catalogue{
	// Who the console acts for, under its header.
	"staffof.province": "Hội LHPN tỉnh %s",
	"staffof.city":     "Hội LHPN thành phố %s",
	"staffof.national": "Trung ương Hội LHPN Việt Nam",

	// An admin gives a staff account its province.
	"staff.users.province":       "Tỉnh phụ trách",
	"staff.users.province.all":   "Toàn quốc",
	"staff.users.province.save":  "Lưu tỉnh phụ trách",
	"flash.staff.province.saved": "Đã lưu tỉnh phụ trách của cán bộ.",
	"staff.users.province.bad":   "Không có tỉnh này.",

	// The home page's province switcher and lists.
	"home.province.label":    "Đặc sản theo tỉnh",
	"home.province.all":      "Cả nước",
	"home.province.button":   "Xem",
	"home.province.products": "Sản phẩm nổi bật của %s",
	"home.province.coops":    "Hợp tác xã nổi bật của %s",
	"home.province.empty":    "%s chưa có danh sách nổi bật riêng.",

	// The desk.
	"staff.desk.search":         "Tìm hợp tác xã hoặc sản phẩm theo tên",
	"staff.desk.search.help":    "Gõ có dấu hoặc không dấu, ví dụ “com chay”.",
	"staff.desk.coops":          "Hợp tác xã tìm thấy",
	"staff.desk.products":       "Sản phẩm tìm thấy",
	"staff.desk.none":           "Không tìm thấy gì với “%s”.",
	"staff.products.byname":     "Tên sản phẩm",
	"staff.products.tab.all":    "Tất cả",
	"staff.products.tab.hidden": "Đang bị ẩn",
	"staff.products.tabs":       "Lọc sản phẩm",
	"staff.products.hiddennone": "Không có sản phẩm nào đang bị ẩn.",
	"staff.products.reason":     "Lý do ẩn: %s",
	"staff.coops.open":          "Xem hồ sơ",

	// The applicant's page.
	"staff.applicant.title":     "Hồ sơ %s",
	"staff.applicant.entered":   "Thông tin đã khai",
	"staff.applicant.kind":      "Loại hình",
	"staff.applicant.desc":      "Giới thiệu",
	"staff.applicant.place":     "Địa chỉ",
	"staff.applicant.phone":     "Điện thoại",
	"staff.applicant.zalo":      "Zalo",
	"staff.applicant.bank":      "Tài khoản nhận tiền",
	"staff.applicant.nobank":    "Chưa khai",
	"staff.applicant.shipping":  "Phí giao hàng",
	"staff.applicant.free":      "Miễn phí giao từ",
	"staff.applicant.status":    "Trạng thái",
	"staff.applicant.applied":   "Ngày nộp",
	"staff.applicant.history":   "Lịch sử duyệt",
	"staff.applicant.nohistory": "Chưa có thay đổi trạng thái nào.",
	"staff.applicant.submitted": "Nộp hồ sơ",
	"staff.applicant.move":      "%s → %s",
	"staff.applicant.members":   "Thành viên",

	// The featured editor.
	"staff.featured.list":          "Danh sách",
	"staff.featured.list.national": "Toàn quốc",
	"staff.featured.list.button":   "Mở danh sách",
	"staff.featured.of":            "Danh sách nổi bật: %s",
	"staff.featured.find":          "Tìm để thêm vào danh sách",
	"staff.featured.add":           "Thêm",
	"flash.featured.added":         "Đã thêm vào danh sách nổi bật.",
	"flash.featured.already":       "Mục này đã có trong danh sách.",
}
