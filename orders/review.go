package orders

import (
	"context"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// Review is a buyer's rating of a product they received. Only the
// reviewer's given name is kept and shown.
type Review struct {
	ID        string    `json:"id"`
	ProductID string    `json:"product_id"`
	Rating    int       `json:"rating"`
	Comment   string    `json:"comment"`
	Reviewer  string    `json:"reviewer"`
	CreatedAt time.Time `json:"created_at"`
}

// ReviewInput is the body of POST /orders/{code}/reviews.
type ReviewInput struct {
	ProductID string `json:"product_id"`
	Rating    int    `json:"rating"`
	Comment   string `json:"comment,omitempty"`
}

type reviewRow struct {
	ID           string `gorm:"primaryKey"`
	OrderID      string
	ProductID    string
	UserID       *string
	ReviewerName string
	Rating       int
	Comment      string
	CreatedAt    time.Time
}

func (reviewRow) TableName() string { return "reviews" }

func (r *reviewRow) view() Review {
	return Review{ID: r.ID, ProductID: r.ProductID, Rating: r.Rating, Comment: r.Comment, Reviewer: r.ReviewerName, CreatedAt: r.CreatedAt.UTC()}
}

// givenName is the name a Vietnamese person is called by: the last word of
// the full name ("Nguyễn Thị Hoa" → "Hoa"). Family and middle names stay
// private.
func givenName(full string) string {
	f := strings.Fields(full)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// AddReview lets the buyer rate a product of a delivered order, once per
// product per order. The product's rating average and count are recomputed
// in the same transaction by the catalog, which holds the product row locked
// so concurrent reviews count each other and queues it for search.
func (s *Service) AddReview(ctx context.Context, c Caller, code string, in ReviewInput) (*Review, error) {
	var p problems
	if in.Rating < 1 || in.Rating > 5 {
		p.add("rating", "Số sao phải từ 1 đến 5.")
	}
	comment := p.text("comment", in.Comment, 0, 2000)
	if strings.TrimSpace(in.ProductID) == "" {
		p.add("product_id", "Chọn sản phẩm cần đánh giá.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	var out Review
	err := s.byCode(ctx, c, func() error { return s.addReview(ctx, c, code, in, comment, &out) })
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *Service) addReview(ctx context.Context, c Caller, code string, in ReviewInput, comment string, out *Review) error {
	return s.tx(ctx, "add review", func(tx *gorm.DB) error {
		j, err := orderFor(tx, c, code, policy.ReviewOrder)
		if err != nil {
			return err
		}
		if j.O.Status != StatusDelivered {
			return apperr.Conflictf(apperr.CodeConflict, "Chỉ đánh giá được khi đơn hàng đã giao.")
		}
		var n int64
		if err := tx.Model(&itemRow{}).Where("order_id = ? AND product_id = ?", j.O.ID, in.ProductID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return apperr.Field("product_id", "Sản phẩm này không có trong đơn hàng.")
		}
		return catalog.RecordRating(tx, in.ProductID, func() (catalog.Rating, error) {
			return s.writeReview(tx, &j.O, in, comment, out)
		})
	})
}

// writeReview writes the review, unless the buyer already reviewed the
// product for this order, and answers the product's figures with it. The
// catalog holds the product locked meanwhile.
func (s *Service) writeReview(tx *gorm.DB, o *orderRow, in ReviewInput, comment string, out *Review) (catalog.Rating, error) {
	var r catalog.Rating
	var n int64
	if err := tx.Model(&reviewRow{}).Where("order_id = ? AND product_id = ?", o.ID, in.ProductID).Count(&n).Error; err != nil {
		return r, err
	}
	if n > 0 {
		return r, errReviewed()
	}
	row := reviewRow{
		ID: newID(), OrderID: o.ID, ProductID: in.ProductID, UserID: o.UserID,
		ReviewerName: givenName(o.BuyerName), Rating: in.Rating, Comment: comment, CreatedAt: s.clock(),
	}
	if err := tx.Create(&row).Error; err != nil {
		if isDuplicate(err) {
			return r, errReviewed()
		}
		return r, err
	}
	err := tx.Model(&reviewRow{}).Select("COUNT(*) AS count, COALESCE(AVG(rating), 0) AS avg").
		Where("product_id = ?", in.ProductID).Scan(&r).Error
	if err != nil {
		return r, err
	}
	*out = row.view()
	return r, nil
}

func errReviewed() error {
	return apperr.Conflictf(apperr.CodeConflict, "Bạn đã đánh giá sản phẩm này cho đơn hàng này rồi.")
}

// ProductReviews lists a product's reviews, newest first, to whoever may see
// the product (the catalog's rule: the public sees purchasable products; the
// coop's members and staff see theirs in any state).
func (s *Service) ProductReviews(ctx context.Context, a kernel.Caller, slug string, pr kernel.PageRequest) (kernel.Page[Review], error) {
	var none kernel.Page[Review]
	after, err := pages.After(pr)
	if err != nil {
		return none, err
	}
	db := s.read(ctx)
	var prods []struct {
		ID           string
		CoopID       string
		Status       catalog.ProductStatus
		Hidden       bool
		CoopStatus   catalog.CoopStatus
		CoopProvince string
	}
	err = db.Table("products p").Select("p.id, p.coop_id, p.status, p.hidden, c.status AS coop_status, c.province AS coop_province").
		Joins("JOIN coops c ON c.id = p.coop_id").Where("p.slug = ?", slug).Limit(1).Scan(&prods).Error
	if err != nil {
		return none, apperr.Wrap(err, "read product")
	}
	if len(prods) == 0 {
		return none, errProductNotFound()
	}
	pd := prods[0]
	role, err := memberRole(db, pd.CoopID, a)
	if err != nil {
		return none, apperr.Wrap(err, "check membership")
	}
	f := policy.Facts{Member: role, Public: catalog.Purchasable(pd.Status, pd.Hidden, pd.CoopStatus), Province: pd.CoopProvince}
	if err := policy.Decide(a, policy.ViewProduct, f).Err(errProductNotFound()); err != nil {
		return none, err
	}
	limit := pr.Size()
	q := db.Where("product_id = ?", pd.ID)
	if after != "" {
		q = q.Where("id < ?", after)
	}
	var rows []reviewRow
	if err := q.Order("id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return none, apperr.Wrap(err, "list reviews")
	}
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	list := make([]Review, len(rows))
	last := ""
	for i := range rows {
		list[i] = rows[i].view()
		last = rows[i].ID
	}
	return kernel.NewPage(list, more, pages, last), nil
}

func errProductNotFound() error { return apperr.NotFoundf("Không tìm thấy sản phẩm.") }
