package notify

import (
	"context"
	"strings"
	"time"

	"github.com/ganh-market/ganh/kernel"
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

const failedPages kernel.Cursor = "f1:"

// FailedMessages lists the deliveries kept as failed, newest first.
func (s *Service) FailedMessages(ctx context.Context, pr kernel.PageRequest) (kernel.Page[FailedMessage], error) {
	limit := pr.Size()
	after, err := failedPages.After(pr)
	if err != nil {
		return kernel.Page[FailedMessage]{}, err
	}
	q := s.db.WithContext(ctx).Where("status = ?", statusFailed)
	if after != "" {
		q = q.Where("id < ?", after)
	}
	var rows []messageRow
	if err := q.Order("id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return kernel.Page[FailedMessage]{}, err
	}
	items := make([]FailedMessage, 0, len(rows))
	for _, r := range rows {
		fm := FailedMessage{ID: r.ID, Kind: r.Kind, Channel: r.Channel, UserID: r.UserID, Recipient: masked(r),
			Title: r.Title, Attempts: r.Attempts, LastError: r.LastError, CreatedAt: r.CreatedAt.UTC()}
		if r.FinishedAt != nil {
			fm.FinishedAt = r.FinishedAt.UTC()
		}
		items = append(items, fm)
	}
	return kernel.PageOf(items, limit, failedPages, func(m FailedMessage) string { return m.ID }), nil
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
