package notify

import (
	"context"
	"encoding/json"
	"time"

	"github.com/ganh-market/ganh/kernel"

	"github.com/ganh-market/ganh/apperr"
)

// Notification is an inbox entry as the API and the pages show it.
type Notification struct {
	ID        string          `json:"id"`
	Kind      string          `json:"kind"`
	Title     string          `json:"title"`
	Body      string          `json:"body"`
	Link      string          `json:"link"`
	Data      json.RawMessage `json:"data"`
	CreatedAt time.Time       `json:"created_at"`
	ReadAt    *time.Time      `json:"read_at"`
}

// inboxRow is a row of notifications (migration 00013).
type inboxRow struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	EventID   string
	Kind      string
	Title     string
	Body      string
	Link      string
	Data      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

func (inboxRow) TableName() string { return "notifications" }

func (r inboxRow) view() Notification {
	return Notification{ID: r.ID, Kind: r.Kind, Title: r.Title, Body: r.Body, Link: r.Link,
		Data: json.RawMessage(r.Data), CreatedAt: r.CreatedAt.UTC(), ReadAt: r.ReadAt}
}

const inboxPages kernel.Cursor = "n1:"

// Inbox lists a person's notifications, newest first (ids are UUIDv7), the
// unread ones only if unread is set, in the API's one list shape.
func (s *Service) Inbox(ctx context.Context, userID string, unread bool, pr kernel.PageRequest) (kernel.Page[Notification], error) {
	limit := pr.Size()
	after, err := inboxPages.After(pr)
	if err != nil {
		return kernel.Page[Notification]{}, err
	}
	q := s.db.WithContext(ctx).Where("user_id = ?", userID)
	if after != "" {
		q = q.Where("id < ?", after)
	}
	if unread {
		q = q.Where("read_at IS NULL")
	}
	var rows []inboxRow
	if err := q.Order("id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return kernel.Page[Notification]{}, err
	}
	items := make([]Notification, 0, len(rows))
	for _, r := range rows {
		items = append(items, r.view())
	}
	return kernel.PageOf(items, limit, inboxPages, func(n Notification) string { return n.ID }), nil
}

// UnreadCount is the number of a person's unread notifications: the bell's
// figure. The partial index keeps it cheap on every page.
func (s *Service) UnreadCount(ctx context.Context, userID string) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&inboxRow{}).Where("user_id = ? AND read_at IS NULL", userID).Count(&n).Error
	return n, err
}

// maxReadIDs bounds the ids of one POST /notifications/read.
const maxReadIDs = 100

// MarkRead marks some of a person's notifications read, or all of them.
// Ids of other people's notifications, or unknown ones, change nothing:
// nobody learns whether they exist.
func (s *Service) MarkRead(ctx context.Context, userID string, ids []string, all bool) error {
	if !all && len(ids) == 0 {
		return apperr.Field("ids", "Hãy gửi danh sách ids, hoặc all: true.")
	}
	if len(ids) > maxReadIDs {
		return apperr.Field("ids", "Mỗi lần đánh dấu tối đa 100 thông báo.")
	}
	q := s.db.WithContext(ctx).Model(&inboxRow{}).Where("user_id = ? AND read_at IS NULL", userID)
	if !all {
		q = q.Where("id IN ?", ids)
	}
	return q.Update("read_at", s.now()).Error
}

// Notification returns one of a person's notifications, for the page that
// opens it; another person's is not found.
func (s *Service) Notification(ctx context.Context, userID, id string) (Notification, error) {
	var r inboxRow
	err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&r).Error
	if err != nil {
		if isNotFound(err) {
			return Notification{}, apperr.NotFoundf("Không tìm thấy thông báo.")
		}
		return Notification{}, err
	}
	return r.view(), nil
}
