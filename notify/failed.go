package notify

import (
	"context"
	"encoding/base64"
	"github.com/ganh-market/ganh/kernel"
	"strings"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/safetext"
)

// FailedMessage is a delivery that ran out of tries, as staff see it. The
// recipient is named by account id, or by the last digits of a guest's
// phone: staff need to know who to call, not to copy a list of numbers.
type FailedMessage struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	Channel    string    `json:"channel"`
	UserID     *string   `json:"user_id"`
	Recipient  string    `json:"recipient"`
	Title      string    `json:"title"`
	Attempts   int       `json:"attempts"`
	LastError  string    `json:"last_error"`
	CreatedAt  time.Time `json:"created_at"`
	FinishedAt time.Time `json:"failed_at"`
}

const failedCursorPrefix = "f1:"

// FailedMessages lists the deliveries kept as failed, newest first.
func (s *Service) FailedMessages(ctx context.Context, pr kernel.PageRequest) (kernel.Page[FailedMessage], error) {
	limit := pr.Limit
	switch {
	case limit <= 0:
		limit = kernel.DefaultLimit
	case limit > kernel.MaxLimit:
		limit = kernel.MaxLimit
	}
	q := s.db.WithContext(ctx).Where("status = ?", statusFailed)
	if pr.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(pr.Cursor)
		if err != nil || !strings.HasPrefix(string(raw), failedCursorPrefix) || !safetext.ValidBytes(raw) {
			return kernel.Page[FailedMessage]{}, apperr.Field("cursor", "Con trỏ phân trang không hợp lệ.")
		}
		q = q.Where("id < ?", string(raw[len(failedCursorPrefix):]))
	}
	var rows []messageRow
	if err := q.Order("id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return kernel.Page[FailedMessage]{}, err
	}
	page := kernel.Page[FailedMessage]{Items: []FailedMessage{}}
	if len(rows) > limit {
		rows = rows[:limit]
		c := base64.RawURLEncoding.EncodeToString([]byte(failedCursorPrefix + rows[limit-1].ID))
		page.NextCursor = &c
	}
	for _, r := range rows {
		fm := FailedMessage{ID: r.ID, Kind: r.Kind, Channel: r.Channel, UserID: r.UserID, Recipient: masked(r),
			Title: r.Title, Attempts: r.Attempts, LastError: r.LastError, CreatedAt: r.CreatedAt.UTC()}
		if r.FinishedAt != nil {
			fm.FinishedAt = r.FinishedAt.UTC()
		}
		page.Items = append(page.Items, fm)
	}
	return page, nil
}

// masked shows where a message went without the whole address: the last
// three characters of a phone, the domain of an email, nothing of a push
// endpoint.
func masked(r messageRow) string {
	a := r.Address
	switch {
	case r.Channel == "push":
		return "thiết bị của tài khoản"
	case strings.Contains(a, "@"):
		return "…@" + a[strings.LastIndex(a, "@")+1:]
	case len(a) > 3:
		return "…" + a[len(a)-3:]
	}
	return a
}
