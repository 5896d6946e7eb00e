package catalog

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/policy"
	"gorm.io/gorm"
)

// Category is a node of the category tree. Requests name a category by slug;
// product responses show {slug, name}.
type Category struct {
	ID       string     `json:"id"`
	Slug     string     `json:"slug"`
	Name     string     `json:"name"`
	Children []Category `json:"children"`
}

type categoryRow struct {
	ID        string `gorm:"primaryKey"`
	Slug      string
	Name      string
	ParentID  *string
	Position  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (categoryRow) TableName() string { return "categories" }

// CategoryInput adds a category (staff). Slug is made from the name when
// empty; Parent is the slug of the parent, empty for a top-level category.
type CategoryInput struct {
	Slug   string `json:"slug"`
	Name   string `json:"name"`
	Parent string `json:"parent"`
}

// CategoryPatch renames a category; its slug never changes.
type CategoryPatch struct {
	Name *string `json:"name"`
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Categories returns the whole tree, each level in its curated order.
func (s *Service) Categories(ctx context.Context) ([]Category, error) {
	rows, err := allCategories(s.read(ctx))
	if err != nil {
		return nil, apperr.Wrap(err, "list categories")
	}
	return buildTree(rows, nil), nil
}

func allCategories(db *gorm.DB) ([]categoryRow, error) {
	var rows []categoryRow
	err := db.Order("position, slug").Find(&rows).Error
	return rows, err
}

func buildTree(rows []categoryRow, parent *string) []Category {
	out := []Category{}
	for _, r := range rows {
		if (r.ParentID == nil) != (parent == nil) || (parent != nil && *r.ParentID != *parent) {
			continue
		}
		out = append(out, Category{ID: r.ID, Slug: r.Slug, Name: r.Name, Children: buildTree(rows, &r.ID)})
	}
	return out
}

// categoryWithDescendants returns the ids of the category with this slug and
// of every category below it, or ok=false when there is none.
func categoryWithDescendants(db *gorm.DB, slug string) (ids []string, ok bool, err error) {
	rows, err := allCategories(db)
	if err != nil {
		return nil, false, err
	}
	children := map[string][]string{}
	var root string
	for _, r := range rows {
		if r.Slug == slug {
			root = r.ID
		}
		if r.ParentID != nil {
			children[*r.ParentID] = append(children[*r.ParentID], r.ID)
		}
	}
	if root == "" {
		return nil, false, nil
	}
	for queue := []string{root}; len(queue) > 0; queue = queue[1:] {
		ids = append(ids, queue[0])
		queue = append(queue, children[queue[0]]...)
	}
	return ids, true, nil
}

// CreateCategory adds a category (staff).
func (s *Service) CreateCategory(ctx context.Context, a kernel.Caller, in CategoryInput) (*Category, error) {
	if err := policy.Gate(a, policy.StaffWide).Err(nil); err != nil {
		return nil, err
	}
	var p problems
	name := p.text("name", in.Name, 1, 100)
	slug := strings.TrimSpace(in.Slug)
	if slug != "" && (!slugPattern.MatchString(slug) || len(slug) > maxSlugLen) {
		p.add("slug", "Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	now := s.now()
	r := categoryRow{ID: newID(), Name: name, CreatedAt: now, UpdatedAt: now}
	err := s.tx(ctx, "create category", func(tx *gorm.DB) error {
		parent := tx.Where("parent_id IS NULL")
		if in.Parent != "" {
			var pr categoryRow
			if err := tx.Where("slug = ?", in.Parent).Take(&pr).Error; err != nil {
				if errors.Is(err, gorm.ErrRecordNotFound) {
					return apperr.Field("parent", "Không có danh mục cha này.")
				}
				return err
			}
			r.ParentID = &pr.ID
			parent = tx.Where("parent_id = ?", pr.ID)
		}
		var maxPos *int
		if err := parent.Model(&categoryRow{}).Select("MAX(position)").Scan(&maxPos).Error; err != nil {
			return err
		}
		if maxPos != nil {
			r.Position = *maxPos + 1
		}
		if slug != "" {
			r.Slug = slug
			if err := tx.Create(&r).Error; err != nil {
				if isDuplicate(err) {
					return apperr.Conflictf(apperr.CodeConflict, "Đã có danh mục với đường dẫn %q.", slug)
				}
				return err
			}
			return nil
		}
		return insertWithSlug(tx, "categories", name, "danh-muc", func(s string) { r.Slug = s },
			func(tx *gorm.DB) error { return tx.Create(&r).Error })
	})
	if err != nil {
		return nil, err
	}
	return &Category{ID: r.ID, Slug: r.Slug, Name: r.Name, Children: []Category{}}, nil
}

// RenameCategory changes a category's name (staff); its products are queued
// for search sync because their documents show the name.
func (s *Service) RenameCategory(ctx context.Context, a kernel.Caller, id string, in CategoryPatch) (*Category, error) {
	if err := policy.Gate(a, policy.StaffWide).Err(nil); err != nil {
		return nil, err
	}
	var p problems
	var name string
	if in.Name == nil {
		p.add("name", "Không được để trống.")
	} else {
		name = p.text("name", *in.Name, 1, 100)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	var r categoryRow
	err := s.tx(ctx, "rename category", func(tx *gorm.DB) error {
		if err := tx.Where("(id = ? OR slug = ?)", id, id).Take(&r).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return errNotFound("danh mục")
			}
			return err
		}
		r.Name, r.UpdatedAt = name, s.now()
		if err := tx.Model(&categoryRow{}).Where("id = ?", r.ID).Updates(map[string]any{"name": name, "updated_at": r.UpdatedAt}).Error; err != nil {
			return err
		}
		return productsChangedWhere(tx, "p.category_id = ?", r.ID)
	})
	if err != nil {
		return nil, err
	}
	var rows []categoryRow
	if rows, err = allCategories(s.read(ctx)); err != nil {
		return nil, apperr.Wrap(err, "read categories")
	}
	return &Category{ID: r.ID, Slug: r.Slug, Name: r.Name, Children: buildTree(rows, &r.ID)}, nil
}
