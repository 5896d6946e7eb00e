package demo

import "github.com/ganh-market/ganh/catalog"

// size is one variant of a product family: a name, a price factor over the
// family's base price (in percent) and a shipping weight.
type size struct {
	name    string
	percent int64
	grams   int
}

// family describes products that share a category, unit, description,
// tags and sizes; each name in names becomes one product.
type family struct {
	category string
	unit     string
	base     int64 // price of the first size, VND
	sizes    []size
	tags     []string
	desc     string
	names    []string
	ocop     int // stars of the first products; 0 for none
}

// coopSpec is one demo cooperative and what it sells.
type coopSpec struct {
	name, kind, province, commune, address, desc string
	bankBIN                                      string
	shipping, freeOver                           int64
	status                                       catalog.CoopStatus
	reason                                       string
	families                                     []family
	drafts                                       int // the last n products stay drafts
}

var (
	gói     = []size{{"Gói 200 g", 100, 220}, {"Gói 500 g", 230, 520}, {"Hộp 1 kg", 440, 1050}}
	chai    = []size{{"Chai 500 ml", 100, 800}, {"Chai 1 lít", 180, 1400}, {"Bình 2 lít", 330, 2600}}
	hũ      = []size{{"Hũ 250 g", 100, 400}, {"Hũ 500 g", 185, 700}}
	kg      = []size{{"Túi 1 kg", 100, 1050}, {"Túi 5 kg", 470, 5100}}
	cái     = []size{{"Cỡ nhỏ", 100, 300}, {"Cỡ vừa", 150, 500}, {"Cỡ lớn", 210, 800}}
	chiếu   = []size{{"Khổ 1,2 m", 100, 1800}, {"Khổ 1,6 m", 130, 2300}, {"Khổ 1,8 m", 150, 2600}}
	trà     = []size{{"Túi 100 g", 100, 130}, {"Hộp 250 g", 235, 320}, {"Hộp 500 g", 450, 600}}
	thịt    = []size{{"Túi 300 g", 100, 350}, {"Túi 500 g", 160, 560}, {"Túi 1 kg", 310, 1080}}
	tinhDầu = []size{{"Lọ 10 ml", 100, 60}, {"Lọ 50 ml", 380, 150}}
)

// coops is the demo marketplace: Ninh Bình strongly represented, then the
// regions whose specialties shoppers look for.
var coops = []coopSpec{
	{name: "Hợp tác xã Cơm cháy Hoa Lư", kind: "hop_tac_xa", province: "ninh-binh", commune: "Phường Hoa Lư", address: "Số 12 đường Trần Hưng Đạo",
		desc: "Cơm cháy Ninh Bình làm từ gạo tám, sấy giòn bằng bếp than, do 24 chị em trong hợp tác xã làm thủ công.", bankBIN: "970405",
		shipping: 25000, freeOver: 400000, status: catalog.CoopApproved, drafts: 1,
		families: []family{{category: "dac-san-kho", unit: "gói", base: 35000, sizes: gói, tags: []string{"cơm cháy", "đặc sản Ninh Bình", "quà biếu"}, ocop: 4,
			desc:  "Cơm cháy giòn rụm, cháy vàng đều hai mặt, ăn kèm chà bông và mỡ hành. Không chất bảo quản, dùng ngon trong 3 tháng.",
			names: []string{"Cơm cháy chà bông", "Cơm cháy mỡ hành", "Cơm cháy chà bông mắm hành", "Cơm cháy lắc khô gà", "Cơm cháy rong biển", "Cơm cháy tỏi ớt", "Cơm cháy vị truyền thống", "Cơm cháy sấy mật ong", "Cơm cháy nếp cẩm", "Cơm cháy siêu chà bông", "Cơm cháy vị cay Tứ Xuyên", "Cơm cháy gạo lứt"}},
			{category: "banh-keo", unit: "gói", base: 30000, sizes: gói, tags: []string{"bánh kẹo quê", "Ninh Bình"},
				desc:  "Bánh kẹo làm tay, ít ngọt, đóng gói trong ngày.",
				names: []string{"Bánh đa vừng", "Kẹo lạc", "Kẹo vừng", "Bánh gai Ninh Bình", "Bánh khảo"}}}},
	{name: "Hợp tác xã Dê núi Tràng An", kind: "hop_tac_xa", province: "ninh-binh", commune: "Phường Tây Hoa Lư", address: "Thôn Tràng An",
		desc: "Dê thả đồi núi đá vôi Tràng An, chế biến theo công thức gia truyền, đóng gói hút chân không.", bankBIN: "970436",
		shipping: 40000, freeOver: 800000, status: catalog.CoopApproved, drafts: 1,
		families: []family{{category: "thit-ca-che-bien", unit: "túi", base: 185000, sizes: thịt, tags: []string{"dê núi", "đặc sản Ninh Bình", "hút chân không"}, ocop: 3,
			desc:  "Thịt dê núi chắc, thơm, ít mỡ. Bảo quản ngăn đá 6 tháng; rã đông tự nhiên trước khi chế biến.",
			names: []string{"Dê núi tái chanh", "Dê núi hun khói", "Dê núi nướng tảng", "Xúc xích dê núi", "Dê núi xào sả ớt", "Lẩu dê núi đóng gói", "Chả dê núi", "Dê núi hấp gừng", "Nem dê núi", "Dê núi ủ trấu", "Chân dê hầm thuốc bắc"}}}},
	{name: "Hợp tác xã Chiếu cói Kim Sơn", kind: "hop_tac_xa", province: "ninh-binh", commune: "Xã Kim Sơn", address: "Xóm 5, thôn Lưu Phương",
		desc: "Làng nghề cói Kim Sơn hơn 200 năm. Cói được phơi khô, nhuộm màu tự nhiên và dệt tay trên khung gỗ.", bankBIN: "970405",
		shipping: 45000, freeOver: 1000000, status: catalog.CoopApproved, drafts: 2,
		families: []family{
			{category: "coi-may-tre", unit: "chiếc", base: 280000, sizes: chiếu, tags: []string{"chiếu cói", "Kim Sơn", "thủ công"}, ocop: 4,
				desc:  "Chiếu cói dệt tay, mát về mùa hè, êm về mùa đông, bền trên năm năm. Gấp gọn được khi cất.",
				names: []string{"Chiếu cói trơn", "Chiếu cói in hoa", "Chiếu cói viền vải", "Chiếu cói đôi hoa văn chữ Thọ", "Chiếu cói se sợi"}},
			{category: "coi-may-tre", unit: "chiếc", base: 120000, sizes: cái, tags: []string{"túi cói", "Kim Sơn", "quà tặng"},
				desc:  "Đan tay từ cói Kim Sơn, quai da mềm, lót vải bên trong.",
				names: []string{"Túi cói đi biển", "Giỏ cói đựng đồ", "Hộp cói có nắp", "Thảm cói tròn", "Làn cói đi chợ", "Khay cói đựng bánh kẹo", "Dép cói đi trong nhà", "Mũ cói rộng vành", "Đệm ngồi cói"}}}},
	{name: "Hợp tác xã Rượu nếp Kim Sơn", kind: "hop_tac_xa", province: "ninh-binh", commune: "Xã Kim Sơn", address: "Thôn Lai Thành",
		desc: "Rượu nếp cái hoa vàng nấu bằng men lá, chưng cất hai lần, hạ thổ trong chum sành.", bankBIN: "970418",
		shipping: 35000, freeOver: 600000, status: catalog.CoopApproved,
		families: []family{{category: "ruou", unit: "chai", base: 90000, sizes: chai, tags: []string{"rượu nếp", "Kim Sơn", "men lá"}, ocop: 4,
			desc:  "Rượu trong, êm, thơm mùi nếp cái hoa vàng, nồng độ 35–40°. Sản phẩm dành cho người trên 18 tuổi.",
			names: []string{"Rượu nếp cái hoa vàng", "Rượu nếp cẩm", "Rượu nếp hạ thổ 1 năm", "Rượu nếp ngâm mơ", "Rượu nếp ngâm táo mèo", "Rượu nếp hạ thổ 3 năm", "Rượu nếp ngâm ba kích", "Rượu nếp chum sành"}}}},
	{name: "Tổ hợp tác Thêu ren Văn Lâm", kind: "to_hop_tac", province: "ninh-binh", commune: "Phường Tây Hoa Lư", address: "Làng Văn Lâm",
		desc: "Nghề thêu ren Văn Lâm có từ thời Trần; các chị thêu tay từng mũi trên vải lanh và cotton.", bankBIN: "970415",
		shipping: 30000, freeOver: 700000, status: catalog.CoopApproved, drafts: 1,
		families: []family{{category: "theu-ren", unit: "chiếc", base: 250000, sizes: cái, tags: []string{"thêu tay", "Văn Lâm", "quà tặng"}, ocop: 3,
			desc:  "Thêu tay hoàn toàn, chỉ cotton bền màu; mỗi sản phẩm mất từ ba đến mười ngày công.",
			names: []string{"Khăn trải bàn thêu hoa sen", "Tranh thêu phong cảnh Tam Cốc", "Vỏ gối thêu hoa đào", "Khăn tay thêu chữ", "Áo dài thêu tay", "Khăn ăn thêu ren", "Túi thơm thêu hoa", "Tranh thêu chân dung", "Rèm cửa thêu ren", "Khăn choàng thêu hoa", "Tranh thêu chữ Phúc", "Bộ khăn bàn thêu sen 6 chiếc"}}}},
	{name: "Hộ kinh doanh Mắm tép Ý Yên", kind: "ho_kinh_doanh", province: "ninh-binh", commune: "Xã Ý Yên", address: "Xóm Chợ",
		desc: "Mắm tép đồng ủ chượp sáu tháng theo cách của bà, không phẩm màu.", bankBIN: "970405",
		shipping: 30000, status: catalog.CoopApproved,
		families: []family{{category: "mam-gia-vi", unit: "hũ", base: 55000, sizes: hũ, tags: []string{"mắm tép", "mắm truyền thống"},
			desc:  "Mắm tép đỏ au, thơm, vị mặn dịu; chưng với thịt ba chỉ ăn với cơm nóng là ngon nhất.",
			names: []string{"Mắm tép chưng thịt", "Mắm tép đồng nguyên chất", "Mắm tép ớt tỏi", "Mắm tôm cáy", "Mắm tép xào sả", "Mắm cáy Kim Sơn", "Nước mắm cá cơm Giao Thủy"}}}},
	{name: "Hợp tác xã Gạo tám Hải Hậu", kind: "hop_tac_xa", province: "ninh-binh", commune: "Xã Hải Hậu", address: "Thôn Thịnh Long",
		desc: "Gạo tám xoan Hải Hậu trồng trên đất phù sa ven biển, xay mới mỗi tuần.", bankBIN: "970405",
		shipping: 35000, freeOver: 500000, status: catalog.CoopApproved,
		families: []family{{category: "gao-ngu-coc", unit: "túi", base: 38000, sizes: kg, tags: []string{"gạo tám", "Hải Hậu", "gạo mới"}, ocop: 4,
			desc:  "Hạt gạo nhỏ, thon, cơm dẻo và thơm, để nguội vẫn mềm.",
			names: []string{"Gạo tám xoan Hải Hậu", "Gạo nếp cái hoa vàng", "Gạo lứt tám", "Gạo nếp cẩm", "Gạo tám thơm", "Gạo Bắc Hương", "Cốm gạo tám"}}}},
	{name: "Hợp tác xã Miến dong Cự Đà", kind: "hop_tac_xa", province: "ha-noi", commune: "Xã Bình Minh", address: "Làng Cự Đà",
		desc: "Miến dong làm từ tinh bột củ dong riềng, phơi nắng tự nhiên ở làng cổ Cự Đà.", bankBIN: "970418",
		shipping: 25000, freeOver: 300000, status: catalog.CoopApproved, drafts: 1,
		families: []family{{category: "mien-bun-pho", unit: "gói", base: 45000, sizes: gói, tags: []string{"miến dong", "Cự Đà", "không phẩm màu"}, ocop: 3,
			desc:  "Sợi miến dai, trong, không bở khi nấu; không hàn the, không phẩm màu.",
			names: []string{"Miến dong Cự Đà", "Miến dong sợi nhỏ", "Miến dong sợi to nấu lẩu", "Bún khô Cự Đà", "Phở khô Cự Đà", "Miến dong đen", "Miến gạo", "Bún gạo lứt", "Mì gạo Cự Đà"}}}},
	{name: "Hợp tác xã Gốm Bát Tràng Xanh", kind: "hop_tac_xa", province: "ha-noi", commune: "Xã Bát Tràng", address: "Xóm 3",
		desc: "Gốm men lam và men rạn làm thủ công, nung lò ga ở nhiệt độ 1.250 °C.", bankBIN: "970436",
		shipping: 50000, freeOver: 1500000, status: catalog.CoopApproved,
		families: []family{{category: "gom-su", unit: "chiếc", base: 85000, sizes: cái, tags: []string{"gốm Bát Tràng", "men lam"},
			desc:  "Gốm vẽ tay, an toàn cho thực phẩm, dùng được trong lò vi sóng. Đóng gói chống vỡ.",
			names: []string{"Bát men lam vẽ sen", "Đĩa men rạn", "Ấm chén men lam", "Lọ hoa men lam", "Cốc men hỏa biến", "Bình rượu men rạn", "Bộ ấm trà men rạn", "Đĩa vẽ hoa cúc", "Bát ăn cơm men trắng", "Bình hút lộc men lam"}}}},
	{name: "Hợp tác xã Thịt gác bếp Bắc Hà", kind: "hop_tac_xa", province: "lao-cai", commune: "Xã Bắc Hà", address: "Thôn Na Hối",
		desc: "Đồng bào Tày, Mông ở Bắc Hà treo thịt trên gác bếp củi từ 30 đến 45 ngày.", bankBIN: "970405",
		shipping: 40000, freeOver: 700000, status: catalog.CoopApproved,
		families: []family{{category: "thit-ca-che-bien", unit: "túi", base: 240000, sizes: thịt, tags: []string{"gác bếp", "Tây Bắc", "mắc khén"}, ocop: 3,
			desc:  "Thịt tẩm mắc khén, hạt dổi, ớt rừng; hun khói củi nên thơm và để lâu được.",
			names: []string{"Thịt lợn gác bếp", "Thịt trâu gác bếp", "Lạp xưởng gác bếp", "Thịt bò gác bếp", "Cá suối gác bếp", "Xúc xích lợn bản hun khói"}},
			{category: "dac-san-kho", unit: "gói", base: 80000, sizes: gói, tags: []string{"đồ khô Tây Bắc", "rừng"},
				desc:  "Hái trong rừng, phơi khô tự nhiên; ngâm nước ấm trước khi nấu.",
				names: []string{"Măng khô Bắc Hà", "Mộc nhĩ rừng", "Nấm hương rừng", "Hạt dổi rừng", "Mắc khén"}}}},
	{name: "Hợp tác xã Quế Văn Yên", kind: "hop_tac_xa", province: "lao-cai", commune: "Xã Trấn Yên", address: "Thôn Khe Cảnh",
		desc: "Quế Văn Yên và tinh dầu quế chưng cất tại vườn.", bankBIN: "970405",
		shipping: 30000, status: catalog.CoopSuspended, reason: "Đang kiểm tra lại giấy chứng nhận an toàn thực phẩm của lô tinh dầu tháng 9.",
		families: []family{{category: "tinh-dau", unit: "lọ", base: 60000, sizes: tinhDầu, tags: []string{"tinh dầu", "quế"},
			desc:  "Tinh dầu nguyên chất chưng cất hơi nước, không pha hương liệu.",
			names: []string{"Tinh dầu quế", "Tinh dầu sả chanh", "Tinh dầu gừng", "Quế thanh cuộn", "Bột quế nguyên chất", "Tinh dầu hồi"}}}},
	{name: "Hợp tác xã Cà phê Arabica Sơn La", kind: "hop_tac_xa", province: "son-la", commune: "Xã Chiềng La", address: "Bản Phiêng Khoài",
		desc: "Cà phê Arabica trồng ở độ cao 800 m, hái chín chọn lọc, rang mộc.", bankBIN: "970418",
		shipping: 30000, freeOver: 500000, status: catalog.CoopApproved,
		families: []family{{category: "ca-phe", unit: "túi", base: 95000, sizes: trà, tags: []string{"cà phê", "Arabica", "rang mộc"}, ocop: 4,
			desc:  "Hương trái cây, vị chua thanh, hậu ngọt. Có loại hạt và loại xay sẵn cho phin.",
			names: []string{"Cà phê Arabica rang mộc", "Cà phê Arabica chế biến mật ong", "Cà phê Arabica xay phin", "Cà phê Arabica hạt nguyên", "Cà phê Arabica lên men", "Cà phê Arabica túi lọc", "Cà phê Arabica rang vừa", "Cà phê Arabica cold brew"}}}},
	{name: "Hợp tác xã Chè Shan tuyết Mộc Châu", kind: "hop_tac_xa", province: "son-la", commune: "Phường Mộc Châu", address: "Bản Áng",
		desc: "Chè Shan tuyết cây cổ thụ trên cao nguyên Mộc Châu, sao tay.", bankBIN: "970415",
		shipping: 25000, freeOver: 400000, status: catalog.CoopApproved, drafts: 1,
		families: []family{{category: "tra", unit: "túi", base: 120000, sizes: trà, tags: []string{"chè Shan tuyết", "Mộc Châu"}, ocop: 3,
			desc:  "Búp chè phủ lông tơ trắng, nước vàng sánh, vị chát dịu và ngọt hậu.",
			names: []string{"Chè Shan tuyết búp", "Hồng trà Shan tuyết", "Bạch trà Shan tuyết", "Chè Ô long Mộc Châu", "Mận hậu sấy dẻo", "Chè Shan tuyết cổ thụ ép bánh"}}}},
	{name: "Hợp tác xã Cà phê Ea Tu", kind: "hop_tac_xa", province: "dak-lak", commune: "Phường Ea Kao", address: "Buôn Kô Tam",
		desc: "Cà phê Robusta của các chị em dân tộc Ê Đê, phơi trên giàn, rang bằng củi.", bankBIN: "970405",
		shipping: 30000, freeOver: 500000, status: catalog.CoopApproved,
		families: []family{{category: "ca-phe", unit: "túi", base: 75000, sizes: trà, tags: []string{"cà phê", "Robusta", "Buôn Ma Thuột"}, ocop: 4,
			desc:  "Cà phê đậm, đắng dịu, hậu sô-cô-la; rang mộc không tẩm bơ.",
			names: []string{"Cà phê Robusta rang mộc", "Cà phê Robusta Honey", "Cà phê chồn Ea Tu", "Cà phê phin pha sẵn", "Cà phê culi", "Cà phê hòa tan Ea Tu"}},
			{category: "hat-dinh-duong", unit: "túi", base: 90000, sizes: gói, tags: []string{"hạt dinh dưỡng", "Tây Nguyên"},
				desc:  "Hạt rang củi, không tẩm đường, không chất bảo quản.",
				names: []string{"Hạt mắc ca Đắk Lắk", "Hạt điều rang muối", "Tiêu đen Đắk Lắk", "Ca cao nguyên chất", "Sô-cô-la Đắk Lắk 70 %"}}}},
	{name: "Hộ kinh doanh Mật ong Krông Năng", kind: "ho_kinh_doanh", province: "dak-lak", commune: "Xã Krông Năng", address: "Thôn 4",
		desc: "Mật ong hoa cà phê và hoa rừng, quay tại trại, không đun nấu.", bankBIN: "970436",
		shipping: 30000, status: catalog.CoopApproved,
		families: []family{{category: "mat-ong", unit: "chai", base: 150000, sizes: chai, tags: []string{"mật ong", "hoa cà phê"},
			desc:  "Mật ong nguyên chất, độ ẩm dưới 20 %, có phiếu kiểm nghiệm từng lô.",
			names: []string{"Mật ong hoa cà phê", "Mật ong rừng", "Mật ong hoa nhãn", "Mật ong ngâm nghệ", "Phấn hoa cà phê", "Mật ong sữa chúa", "Mật ong hoa điều", "Mật ong hoa cao su"}}}},
	{name: "Hợp tác xã Bánh tráng Thuận Hưng", kind: "hop_tac_xa", province: "can-tho", commune: "Phường Thuận Hưng", address: "Khu vực Tân Phú",
		desc: "Làng nghề bánh tráng, bánh phồng bên bờ sông Cần Thơ.", bankBIN: "970418",
		shipping: 25000, freeOver: 300000, status: catalog.CoopPending,
		families: []family{{category: "banh-keo", unit: "gói", base: 30000, sizes: gói, tags: []string{"bánh tráng", "miền Tây"},
			desc:  "Bánh tráng phơi sương, dẻo, cuốn không rách.",
			names: []string{"Bánh tráng phơi sương", "Bánh phồng tôm", "Bánh tráng mè đen", "Bánh phồng nếp", "Bánh tráng trộn đóng gói", "Bánh phồng sữa"}}}},
	{name: "Hợp tác xã Đường thốt nốt Tri Tôn", kind: "hop_tac_xa", province: "an-giang", commune: "Xã Tri Tôn", address: "Ấp Phước Lộc",
		desc: "Đồng bào Khmer nấu nước thốt nốt thành đường trong chảo gang.", bankBIN: "970405",
		shipping: 30000, freeOver: 400000, status: catalog.CoopApproved,
		families: []family{{category: "banh-keo", unit: "gói", base: 40000, sizes: gói, tags: []string{"thốt nốt", "An Giang", "Khmer"}, ocop: 3,
			desc:  "Vị ngọt thanh, thơm mùi thốt nốt, không pha đường mía.",
			names: []string{"Đường thốt nốt nguyên chất", "Kẹo thốt nốt", "Bánh bò thốt nốt sấy", "Nước thốt nốt đóng chai", "Đường thốt nốt dạng bột", "Mứt thốt nốt", "Giấm thốt nốt"}}}},
	{name: "Hộ kinh doanh Mắm Châu Đốc Bà Hai", kind: "ho_kinh_doanh", province: "an-giang", commune: "Phường Châu Đốc", address: "Chợ Châu Đốc",
		desc: "Mắm cá linh, cá sặc, cá lóc làm theo công thức ba đời.", bankBIN: "970415",
		shipping: 35000, status: catalog.CoopApproved,
		families: []family{{category: "mam-gia-vi", unit: "hũ", base: 70000, sizes: hũ, tags: []string{"mắm Châu Đốc", "miền Tây"},
			desc:  "Mắm ủ thính gạo rang, đóng hũ thủy tinh kín, giữ ngăn mát.",
			names: []string{"Mắm cá linh", "Mắm cá sặc", "Mắm thái đu đủ", "Mắm cá lóc", "Mắm ruột", "Mắm cá trèn", "Khô cá lóc"}}}},
	{name: "Tổ hợp tác Gạo Nàng Nhen Bảy Núi", kind: "to_hop_tac", province: "an-giang", commune: "Phường Tịnh Biên", address: "Ấp Tà Lọt",
		desc: "Gạo nàng Nhen thơm, trồng một vụ mỗi năm dưới chân núi Cấm.", bankBIN: "970405",
		shipping: 35000, status: catalog.CoopPending,
		families: []family{{category: "gao-ngu-coc", unit: "túi", base: 45000, sizes: kg, tags: []string{"gạo nàng Nhen", "Bảy Núi"},
			desc:  "Hạt tròn, cơm mềm, dẻo và thơm mùi lá dứa.",
			names: []string{"Gạo nàng Nhen", "Gạo nàng Nhen lứt", "Gạo Nàng Hoa", "Nếp than Bảy Núi"}}}},
	{name: "Hợp tác xã Đặc sản Huế Xưa", kind: "hop_tac_xa", province: "hue", commune: "Phường Phú Xuân", address: "Số 8 Chi Lăng",
		desc: "Mè xửng, tôm chua, ruốc Huế làm theo lối cung đình.", bankBIN: "970436",
		shipping: 30000, freeOver: 500000, status: catalog.CoopApproved, drafts: 1,
		families: []family{{category: "dac-san-kho", unit: "hộp", base: 50000, sizes: hũ, tags: []string{"đặc sản Huế", "quà Huế"}, ocop: 3,
			desc:  "Làm thủ công theo công thức gia truyền, đóng gói tại cơ sở đạt chuẩn an toàn thực phẩm.",
			names: []string{"Mè xửng Huế", "Tôm chua Huế", "Ruốc Huế", "Mắm sò Lăng Cô", "Chè cung đình sấy khô", "Tré Huế", "Mắm ruốc Huế", "Kẹo cau Huế", "Bánh ép Huế", "Chè mè đen sấy"}}}},
	{name: "Hợp tác xã Chè Tân Cương", kind: "hop_tac_xa", province: "thai-nguyen", commune: "Xã Tân Cương", address: "Xóm Hồng Thái",
		desc: "Chè Tân Cương Thái Nguyên, hái một tôm hai lá, sao chảo gang.", bankBIN: "970405",
		shipping: 25000, freeOver: 400000, status: catalog.CoopApproved, drafts: 1,
		families: []family{{category: "tra", unit: "túi", base: 110000, sizes: trà, tags: []string{"chè Thái Nguyên", "Tân Cương"}, ocop: 5,
			desc:  "Nước xanh trong, hương cốm, vị chát dịu rồi ngọt hậu sâu.",
			names: []string{"Chè móc câu Tân Cương", "Chè nõn tôm", "Chè đinh Tân Cương", "Chè búp khô loại đặc biệt", "Chè xanh túi lọc", "Hồng trà Tân Cương", "Chè ướp hoa nhài", "Chè ướp hoa sen", "Trà xanh bột Tân Cương", "Chè búp tôm loại một"}}}},
	{name: "Hợp tác xã Mật ong bạc hà Đồng Văn", kind: "hop_tac_xa", province: "tuyen-quang", commune: "Xã Đồng Văn", address: "Thôn Phố Cáo",
		desc: "Mật ong hoa bạc hà dại trên cao nguyên đá, chỉ có vào mùa đông.", bankBIN: "970418",
		shipping: 35000, freeOver: 600000, status: catalog.CoopApproved,
		families: []family{{category: "mat-ong", unit: "chai", base: 220000, sizes: chai, tags: []string{"mật ong bạc hà", "Hà Giang", "cao nguyên đá"}, ocop: 4,
			desc:  "Mật sánh, màu vàng nhạt, thơm mát, vị ngọt dịu; kết tinh tự nhiên khi trời lạnh.",
			names: []string{"Mật ong bạc hà", "Mật ong bạc hà kết tinh", "Sáp ong bạc hà", "Chè Shan tuyết Hà Giang", "Rượu ngô men lá", "Tam giác mạch sấy", "Bánh tam giác mạch"}}}},
}
