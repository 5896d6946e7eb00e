package catalog

import (
	"time"
)

// ProductStatus is a seller's own state for a product.
type ProductStatus string

// Draft products are being prepared; active ones are for sale (if not hidden
// and the coop is approved); archived ones are no longer sold.
const (
	ProductDraft    ProductStatus = "draft"
	ProductActive   ProductStatus = "active"
	ProductArchived ProductStatus = "archived"
)

// Valid says whether st is a known status.
func (st ProductStatus) Valid() bool {
	return st == ProductDraft || st == ProductActive || st == ProductArchived
}

// Product is a product as the API shows it.
type Product struct {
	ID           string        `json:"id"`
	Slug         string        `json:"slug"`
	Name         string        `json:"name"`
	Description  string        `json:"description"`
	Category     CategoryRef   `json:"category"`
	Coop         CoopRef       `json:"coop"`
	Unit         string        `json:"unit"`
	OCOPStars    int           `json:"ocop_stars"`
	OCOPCertNo   string        `json:"ocop_cert_no"`
	Tags         []string      `json:"tags"`
	Status       ProductStatus `json:"status"`
	Hidden       bool          `json:"hidden"`
	HiddenReason string        `json:"hidden_reason"`
	Images       []Image       `json:"images"`
	Variants     []Variant     `json:"variants"`
	PriceVND     int64         `json:"price_vnd"`
	RatingAvg    float64       `json:"rating_avg"`
	RatingCount  int           `json:"rating_count"`
	SoldCount    int           `json:"sold_count"`
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// CategoryRef names a product's category in responses.
type CategoryRef struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	// ID is the category's id, for the search sync.
	ID string `json:"-"`
	// Path is the slugs from the top-level category down to this one; only
	// ProductsForSync fills it.
	Path []string `json:"-"`
}

// CoopRef names a product's coop in responses.
type CoopRef struct {
	ID       string `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	Province string `json:"province"`
	// Status decides purchasability; it is not part of the product JSON.
	Status CoopStatus `json:"-"`
}

// Variant is one buyable form of a product (a size, a weight).
type Variant struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	SKU          string `json:"sku"`
	PriceVND     int64  `json:"price_vnd"`
	CompareAtVND *int64 `json:"compare_at_vnd"`
	Stock        int    `json:"stock"`
	WeightGrams  int    `json:"weight_grams"`
}

type productRow struct {
	ID           string `gorm:"primaryKey"`
	CoopID       string
	Slug         string
	Name         string
	SearchName   string
	Description  string
	CategoryID   string
	Unit         string
	Tags         string // JSON array
	OCOPStars    int    `gorm:"column:ocop_stars"`
	OCOPCertNo   string `gorm:"column:ocop_cert_no"`
	Status       ProductStatus
	Hidden       bool
	HiddenReason string
	PriceVND     int64   `gorm:"column:price_vnd"`
	RatingAvg    float64 `gorm:"column:rating_avg"`
	RatingCount  int
	SoldCount    int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (productRow) TableName() string { return "products" }

type variantRow struct {
	ID           string `gorm:"primaryKey"`
	ProductID    string
	Name         string
	SKU          string `gorm:"column:sku"`
	PriceVND     int64  `gorm:"column:price_vnd"`
	CompareAtVND *int64 `gorm:"column:compare_at_vnd"`
	Stock        int
	WeightGrams  int
	Position     int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (variantRow) TableName() string { return "product_variants" }

func (v *variantRow) view() Variant {
	return Variant{ID: v.ID, Name: v.Name, SKU: v.SKU, PriceVND: v.PriceVND, CompareAtVND: v.CompareAtVND, Stock: v.Stock, WeightGrams: v.WeightGrams}
}

type imageRow struct {
	ID        string `gorm:"primaryKey"`
	ProductID string
	Hash      string
	Width     int
	Height    int
	Position  int
	CreatedAt time.Time
}

func (imageRow) TableName() string { return "product_images" }
