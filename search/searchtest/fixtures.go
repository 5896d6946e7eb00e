package searchtest

import (
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/ganh-market/ganh/search"
)

// Fixture is a small realistic catalogue: Vietnamese specialties from
// several provinces, with the regional words, the fold-only near-misses and
// one NFD-encoded name the suite needs.
func Fixture() []search.Document {
	day := func(d int) time.Time { return time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	doc := func(id, name, desc string, tags []string, cat, catName string, path []string, coop, coopName, prov, provName string, ocop int, price int64, sold int, created int) search.Document {
		return search.Document{
			ID: id, Slug: id, Name: name, Description: desc, Tags: tags,
			CategorySlug: cat, CategoryName: catName, CategorySlugs: path,
			CoopID: "c-" + coop, CoopSlug: coop, CoopName: coopName,
			ProvinceSlug: prov, ProvinceName: provName,
			OCOPStars: ocop, PriceVND: price, RatingAvg: 4.5, RatingCount: 10, SoldCount: sold,
			Image: "img/" + id + "/thumb.webp", CreatedAt: day(created), // a thumbnail key, as DocumentOf keeps
		}
	}
	food, drink, farm, craft, textile := "thuc-pham", "do-uong", "nong-san", "thu-cong-my-nghe", "det-may"
	return []search.Document{
		doc("p01", "Cơm cháy chà bông Ninh Bình", "Cơm cháy giòn rụm, chà bông heo, làm thủ công.", []string{"cơm cháy", "đặc sản", "ăn vặt"},
			"banh-keo", "Bánh kẹo, ăn vặt", []string{food, "banh-keo"}, "htx-com-chay-hoa-lu", "HTX Cơm cháy Hoa Lư", "ninh-binh", "Ninh Bình", 4, 65000, 320, 1),
		doc("p02", "Cơm cháy ruốc tôm", "Cơm cháy mỏng phủ ruốc tôm đồng.", []string{"cơm cháy"},
			"banh-keo", "Bánh kẹo, ăn vặt", []string{food, "banh-keo"}, "htx-com-chay-hoa-lu", "HTX Cơm cháy Hoa Lư", "ninh-binh", "Ninh Bình", 3, 55000, 150, 2),
		doc("p03", "Cốm chay", "Cốm làng Vòng rang, món chay thanh đạm.", []string{"cốm"},
			"banh-keo", "Bánh kẹo, ăn vặt", []string{food, "banh-keo"}, "to-hop-tac-com-vong", "Tổ hợp tác Cốm Vòng", "ha-noi", "Hà Nội", 0, 40000, 500, 3),
		doc("p04", "Thịt dê núi hun khói", "Dê núi đá nuôi thả, hun khói bếp củi.", []string{"dê núi", "đặc sản"},
			"thit-kho", "Thịt khô", []string{food, "thit-kho"}, "htx-de-nui-tam-diep", "HTX Dê núi Tam Điệp", "ninh-binh", "Ninh Bình", 3, 350000, 80, 4),
		doc("p05", "Chiếu cói Kim Sơn dệt tay", "Chiếu cói se sợi, dệt tay bởi chị em Kim Sơn.", []string{"chiếu", "cói", "thủ công"},
			"do-dan", "Đồ đan lát", []string{craft, "do-dan"}, "htx-coi-kim-son", "HTX Cói Kim Sơn", "ninh-binh", "Ninh Bình", 4, 250000, 60, 5),
		doc("p06", "Rượu nếp cái hoa vàng", "Rượu nếp ủ men lá truyền thống.", []string{"rượu nếp"},
			"ruou", "Rượu", []string{drink, "ruou"}, "htx-ruou-kien-thuy", "HTX Rượu Kiến Thụy", "hai-phong", "Hải Phòng", 3, 120000, 90, 6),
		doc("p07", "Mắm tép chưng thịt", "Mắm tép đồng chưng thịt ba chỉ.", []string{"mắm tép", "gia vị"},
			"gia-vi", "Gia vị", []string{food, "gia-vi"}, "htx-mam-hau-loc", "HTX Mắm Hậu Lộc", "thanh-hoa", "Thanh Hóa", 4, 75000, 210, 7),
		doc("p08", "Mật ong rừng Tây Bắc", "Mật ong rừng nguyên chất từ bản Mường.", []string{"mật ong"},
			"mat-ong", "Mật ong", []string{food, "mat-ong"}, "htx-mat-ong-moc-chau", "HTX Mật ong Mộc Châu", "son-la", "Sơn La", 5, 280000, 400, 8),
		doc("p09", "Mật ong hoa nhãn", "Mật ong hoa nhãn Hưng Yên.", []string{"mật ong"},
			"mat-ong", "Mật ong", []string{food, "mat-ong"}, "htx-nhan-hung-yen", "HTX Nhãn lồng Hưng Yên", "hung-yen", "Hưng Yên", 4, 180000, 400, 9),
		doc("p10", "Trà Shan Tuyết cổ thụ", "Búp trà shan tuyết trên cây cổ thụ trăm năm.", []string{"trà", "shan tuyết"},
			"tra", "Trà", []string{drink, "tra"}, "htx-tra-vi-xuyen", "HTX Trà Vị Xuyên", "tuyen-quang", "Tuyên Quang", 5, 450000, 120, 10),
		doc("p11", "Trà ướp hương sen Tây Hồ", "Trà Thái Nguyên ướp trong bông sen Tây Hồ.", []string{"trà", "sen"},
			"tra", "Trà", []string{drink, "tra"}, "htx-sen-tay-ho", "HTX Sen Tây Hồ", "ha-noi", "Hà Nội", 4, 600000, 45, 11),
		doc("p12", "Miến dong Bình Liêu", "Miến dong sợi nhỏ, dai, không hoá chất.", []string{"miến"},
			"mien-bun", "Miến, bún khô", []string{food, "mien-bun"}, "htx-mien-binh-lieu", "HTX Miến Bình Liêu", "quang-ninh", "Quảng Ninh", 4, 90000, 230, 12),
		doc("p13", "Tranh thêu ren Văn Lâm", "Tranh thêu tay phong cảnh Tam Cốc.", []string{"thêu ren", "quà tặng"},
			"theu-ren", "Thêu ren", []string{textile, "theu-ren"}, "htx-theu-van-lam", "HTX Thêu Văn Lâm", "ninh-binh", "Ninh Bình", 0, 1200000, 15, 13),
		doc("p14", "Thịt lợn gác bếp Tây Bắc", "Thịt lợn bản tẩm mắc khén, hun khói gác bếp.", []string{"gác bếp", "đặc sản Tây Bắc"},
			"thit-kho", "Thịt khô", []string{food, "thit-kho"}, "htx-ban-sai", "HTX Bản Sái", "son-la", "Sơn La", 3, 520000, 140, 14),
		doc("p15", "Kẹo lạc Nghệ An", "Kẹo lạc giòn, mạch nha và gừng.", []string{"kẹo"},
			"banh-keo", "Bánh kẹo, ăn vặt", []string{food, "banh-keo"}, "htx-keo-do-luong", "HTX Kẹo Đô Lương", "nghe-an", "Nghệ An", 3, 35000, 600, 15),
		doc("p16", "Muối vừng rang", "Muối vừng đen rang củi.", []string{"gia vị"},
			"gia-vi", "Gia vị", []string{food, "gia-vi"}, "htx-mam-hau-loc", "HTX Mắm Hậu Lộc", "thanh-hoa", "Thanh Hóa", 0, 30000, 90, 16),
		doc("p17", "Mứt dứa dẻo Đồng Giao", "Dứa Đồng Giao sên đường phèn.", []string{"mứt"},
			"banh-keo", "Bánh kẹo, ăn vặt", []string{food, "banh-keo"}, "htx-dong-giao", "HTX Đồng Giao", "ninh-binh", "Ninh Bình", 3, 60000, 75, 17),
		doc("p18", "Ngô nếp luộc hút chân không", "Ngô nếp nương Bắc Hà.", []string{"ngô"},
			"ngu-coc", "Ngũ cốc", []string{farm, "ngu-coc"}, "htx-bac-ha", "HTX Bắc Hà", "lao-cai", "Lào Cai", 0, 45000, 110, 18),
		doc("p19", "Bộ bát gốm men lam", "Bát ăn cơm vẽ tay men lam.", []string{"gốm"},
			"gom-su", "Gốm sứ", []string{craft, "gom-su"}, "htx-gom-bat-trang", "HTX Gốm Bát Tràng", "ha-noi", "Hà Nội", 4, 300000, 35, 19),
		doc("p20", "Đậu phộng rang tỏi ớt", "Đậu phộng hạt to rang tỏi ớt.", []string{"ăn vặt"},
			"banh-keo", "Bánh kẹo, ăn vặt", []string{food, "banh-keo"}, "htx-cao-lanh", "HTX Cao Lãnh", "dong-thap", "Đồng Tháp", 0, 50000, 95, 20),
		doc("p21", "Lạp xưởng heo tươi", "Lạp xưởng heo nạc, rượu mai quế lộ.", []string{"lạp xưởng"},
			"thit-kho", "Thịt khô", []string{food, "thit-kho"}, "htx-cai-rang", "HTX Cái Răng", "can-tho", "Cần Thơ", 3, 160000, 180, 21),
		doc("p22", "Bánh đa nem làng Chều", "Bánh đa mỏng, dai, cuốn nem không rách.", []string{"bánh đa"},
			"banh-keo", "Bánh kẹo, ăn vặt", []string{food, "banh-keo"}, "htx-lang-cheu", "HTX Làng Chều", "ninh-binh", "Ninh Bình", 3, 25000, 260, 22),
		doc("p23", "Cà phê Robusta rang mộc", "Cà phê Buôn Ma Thuột rang mộc.", []string{"cà phê"},
			"ca-phe", "Cà phê", []string{drink, "ca-phe"}, "htx-ea-tu", "HTX Ea Tu", "dak-lak", "Đắk Lắk", 4, 210000, 330, 23),
		// Typed on an iPhone: decomposed Unicode.
		doc("p24", norm.NFD.String("Nón lá bài thơ Huế"), norm.NFD.String("Nón lá lụa, lồng bài thơ."), []string{norm.NFD.String("nón lá")},
			"non-la", norm.NFD.String("Nón lá"), []string{craft, "non-la"}, "htx-non-phu-cam", norm.NFD.String("HTX Nón Phú Cam"), "hue", "Huế", 0, 95000, 70, 24),
	}
}

// FixtureByID indexes the fixture.
func FixtureByID() map[string]search.Document {
	m := map[string]search.Document{}
	for _, d := range Fixture() {
		m[d.ID] = d
	}
	return m
}
