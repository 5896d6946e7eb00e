package bleve

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ganh-market/ganh/search"
)

// generateCatalogue makes n realistic products from Vietnamese word lists,
// deterministically (same seed, same catalogue), for the benchmark.
func generateCatalogue(n int, seed uint64) []search.Document {
	type base struct {
		name, cat string
		tags      []string
	}
	bases := []base{
		{"Cơm cháy", "banh-keo", []string{"cơm cháy", "ăn vặt"}}, {"Cơm cháy chà bông", "banh-keo", []string{"cơm cháy"}},
		{"Mật ong rừng", "mat-ong", []string{"mật ong"}}, {"Mật ong hoa nhãn", "mat-ong", []string{"mật ong"}},
		{"Mật ong bạc hà", "mat-ong", []string{"mật ong"}}, {"Trà Shan Tuyết", "tra", []string{"trà", "shan tuyết"}},
		{"Trà xanh", "tra", []string{"trà"}}, {"Trà ướp hương sen", "tra", []string{"trà", "sen"}},
		{"Cà phê Robusta", "ca-phe", []string{"cà phê"}}, {"Cà phê Arabica", "ca-phe", []string{"cà phê"}},
		{"Miến dong", "mien-bun", []string{"miến"}}, {"Bún gạo lứt", "mien-bun", []string{"bún"}},
		{"Mắm tép", "gia-vi", []string{"mắm"}}, {"Nước mắm nhĩ", "gia-vi", []string{"nước mắm"}},
		{"Muối vừng", "gia-vi", []string{"gia vị"}}, {"Tương ớt", "gia-vi", []string{"tương ớt"}},
		{"Tiêu đen", "gia-vi", []string{"tiêu"}}, {"Rượu nếp", "ruou", []string{"rượu"}},
		{"Rượu ngô men lá", "ruou", []string{"rượu"}}, {"Thịt lợn gác bếp", "thit-kho", []string{"gác bếp"}},
		{"Thịt trâu gác bếp", "thit-kho", []string{"gác bếp"}}, {"Lạp xưởng heo", "thit-kho", []string{"lạp xưởng"}},
		{"Thịt dê núi", "thit-kho", []string{"dê núi"}}, {"Chiếu cói", "do-dan", []string{"chiếu", "cói"}},
		{"Giỏ mây tre đan", "do-dan", []string{"mây tre"}}, {"Nón lá", "non-la", []string{"nón"}},
		{"Khăn thêu tay", "theu-ren", []string{"thêu"}}, {"Tranh thêu ren", "theu-ren", []string{"thêu ren"}},
		{"Gạo ST25", "gao", []string{"gạo"}}, {"Gạo nếp cái hoa vàng", "gao", []string{"gạo nếp"}},
		{"Ngô nếp", "ngu-coc", []string{"ngô"}}, {"Kẹo lạc", "banh-keo", []string{"kẹo"}},
		{"Bánh đa nem", "banh-keo", []string{"bánh đa"}}, {"Mứt dứa", "banh-keo", []string{"mứt"}},
		{"Hạt điều rang muối", "hat", []string{"hạt điều"}}, {"Hạt mắc ca", "hat", []string{"mắc ca"}},
		{"Sâm Ngọc Linh", "duoc-lieu", []string{"sâm"}}, {"Cao atiso", "duoc-lieu", []string{"atiso"}},
		{"Tinh dầu quế", "duoc-lieu", []string{"tinh dầu"}}, {"Bộ bát gốm men lam", "gom-su", []string{"gốm"}},
		{"Lụa tơ tằm", "lua", []string{"lụa"}}, {"Khăn thổ cẩm", "lua", []string{"thổ cẩm"}},
		{"Măng khô", "nong-san-kho", []string{"măng"}}, {"Mộc nhĩ", "nong-san-kho", []string{"nấm"}},
		{"Nấm hương rừng", "nong-san-kho", []string{"nấm hương"}}, {"Chè lam", "banh-keo", []string{"chè lam"}},
	}
	parent := map[string]string{
		"banh-keo": "thuc-pham", "mat-ong": "thuc-pham", "gia-vi": "thuc-pham", "thit-kho": "thuc-pham", "mien-bun": "thuc-pham",
		"tra": "do-uong", "ca-phe": "do-uong", "ruou": "do-uong",
		"gao": "nong-san", "ngu-coc": "nong-san", "hat": "nong-san", "nong-san-kho": "nong-san",
		"duoc-lieu": "duoc-lieu", "do-dan": "thu-cong-my-nghe", "non-la": "thu-cong-my-nghe", "gom-su": "thu-cong-my-nghe",
		"theu-ren": "det-may", "lua": "det-may",
	}
	provinces := [][2]string{
		{"ha-noi", "Hà Nội"}, {"hue", "Huế"}, {"da-nang", "Đà Nẵng"}, {"hai-phong", "Hải Phòng"}, {"ho-chi-minh", "TP Hồ Chí Minh"},
		{"can-tho", "Cần Thơ"}, {"ninh-binh", "Ninh Bình"}, {"lao-cai", "Lào Cai"}, {"tuyen-quang", "Tuyên Quang"}, {"thai-nguyen", "Thái Nguyên"},
		{"son-la", "Sơn La"}, {"dien-bien", "Điện Biên"}, {"lai-chau", "Lai Châu"}, {"lang-son", "Lạng Sơn"}, {"cao-bang", "Cao Bằng"},
		{"quang-ninh", "Quảng Ninh"}, {"bac-ninh", "Bắc Ninh"}, {"phu-tho", "Phú Thọ"}, {"hung-yen", "Hưng Yên"}, {"thanh-hoa", "Thanh Hóa"},
		{"nghe-an", "Nghệ An"}, {"ha-tinh", "Hà Tĩnh"}, {"quang-tri", "Quảng Trị"}, {"quang-ngai", "Quảng Ngãi"}, {"gia-lai", "Gia Lai"},
		{"khanh-hoa", "Khánh Hòa"}, {"lam-dong", "Lâm Đồng"}, {"dak-lak", "Đắk Lắk"}, {"dong-nai", "Đồng Nai"}, {"tay-ninh", "Tây Ninh"},
		{"vinh-long", "Vĩnh Long"}, {"dong-thap", "Đồng Tháp"}, {"ca-mau", "Cà Mau"}, {"an-giang", "An Giang"},
	}
	qualifiers := []string{"", "", "đặc biệt", "thượng hạng", "hữu cơ", "loại 1", "truyền thống", "nguyên chất", "thủ công", "làng nghề", "quà biếu", "sấy khô", "cổ truyền"}
	sizes := []string{"", "hộp 200g", "túi 500g", "1kg", "chai 500ml", "lọ 350g", "bộ 6 chiếc", "gói 100g"}
	coopWords := []string{"Hoa Sen", "Bản Mường", "Phụ nữ", "Làng nghề", "Sông Hồng", "Tây Bắc", "Đồng Xanh", "Núi Đá", "Quê Hương", "Ánh Dương", "Hương Rừng", "Bình Minh"}
	sentences := []string{
		"Làm thủ công theo công thức gia truyền của chị em trong bản.",
		"Không chất bảo quản, không phẩm màu.",
		"Đóng gói hút chân không, giao hàng toàn quốc.",
		"Nguyên liệu chọn lọc từ vùng trồng của hợp tác xã.",
		"Thích hợp làm quà biếu dịp Tết.",
		"Bảo quản nơi khô ráo, thoáng mát.",
		"Sản phẩm được Hội Phụ nữ tỉnh giới thiệu.",
		"Hương vị đậm đà, đúng chất quê nhà.",
	}

	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	const coops = 2000
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]search.Document, n)
	for i := range docs {
		b := bases[r.IntN(len(bases))]
		coop := r.IntN(coops)
		prov := provinces[coop%len(provinces)]
		parts := []string{b.name, qualifiers[r.IntN(len(qualifiers))], prov[1], sizes[r.IntN(len(sizes))]}
		name := strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
		ocop := 0
		switch x := r.IntN(100); {
		case x >= 93:
			ocop = 5
		case x >= 75:
			ocop = 4
		case x >= 50:
			ocop = 3
		}
		var desc []string
		for range 2 + r.IntN(2) {
			desc = append(desc, sentences[r.IntN(len(sentences))])
		}
		coopName := fmt.Sprintf("HTX %s %s", coopWords[coop%len(coopWords)], prov[1])
		docs[i] = search.Document{
			ID:            fakeUUID(r), // like catalog's UUIDv7 IDs, length matters
			Slug:          fmt.Sprintf("san-pham-%06d", i),
			Name:          name,
			Description:   strings.Join(desc, " "),
			Tags:          append(append([]string(nil), b.tags...), "đặc sản "+prov[1]),
			CategorySlug:  b.cat,
			CategoryName:  b.name,
			CategorySlugs: []string{parent[b.cat], b.cat},
			CoopID:        fmt.Sprintf("c%04d", coop),
			CoopSlug:      fmt.Sprintf("htx-%04d", coop),
			CoopName:      coopName,
			ProvinceSlug:  prov[0],
			ProvinceName:  prov[1],
			OCOPStars:     ocop,
			PriceVND:      int64(20+r.IntN(1980)) * 1000,
			RatingAvg:     3 + r.Float64()*2,
			RatingCount:   r.IntN(300),
			SoldCount:     int(r.ExpFloat64() * 300),
			Image:         fmt.Sprintf("img/p%06d/thumb.webp", i),
			CreatedAt:     start.Add(time.Duration(r.Int64N(int64(3 * 365 * 24 * time.Hour)))),
		}
	}
	return docs
}

// fakeUUID returns a random ID in UUID text form, deterministic for r.
func fakeUUID(r *rand.Rand) string {
	return fmt.Sprintf("%08x-%04x-7%03x-%04x-%012x", r.Uint32(), r.Uint32()&0xffff, r.Uint32()&0xfff, 0x8000|r.Uint32()&0x3fff, r.Uint64()&0xffffffffffff)
}
