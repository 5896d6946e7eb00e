package notify

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm/clause"

	"github.com/ganh-market/ganh/apperr"
)

// settingRow is a row of notification_settings: a channel a person turned
// on or off. No row means on.
type settingRow struct {
	UserID    string `gorm:"primaryKey"`
	Channel   string `gorm:"primaryKey"`
	Enabled   bool
	UpdatedAt time.Time
}

func (settingRow) TableName() string { return "notification_settings" }

// Settings are a person's channels, as GET/PUT /me/notification-settings
// show them. Inbox is always true; Available says which channels the
// marketplace has configured.
type Settings struct {
	Inbox     bool            `json:"inbox"`
	Channels  map[string]bool `json:"channels"`
	Available []string        `json:"available"`
}

// Settings returns a person's channel settings.
func (s *Service) Settings(ctx context.Context, userID string) (Settings, error) {
	var rows []settingRow
	if err := s.db.WithContext(ctx).Where("user_id = ?", userID).Find(&rows).Error; err != nil {
		return Settings{}, err
	}
	out := Settings{Inbox: true, Channels: map[string]bool{}, Available: []string{}}
	for _, name := range Channels {
		out.Channels[name] = true
		if _, ok := s.channels[name]; ok {
			out.Available = append(out.Available, name)
		}
	}
	for _, r := range rows {
		out.Channels[r.Channel] = r.Enabled
	}
	return out, nil
}

// SettingsInput is the body of PUT /me/notification-settings: the channels
// to change; those left out keep their setting.
type SettingsInput struct {
	Inbox    *bool           `json:"inbox"`
	Channels map[string]bool `json:"channels"`
}

// SetSettings changes a person's channels. The inbox cannot be turned off.
func (s *Service) SetSettings(ctx context.Context, userID string, in SettingsInput) (Settings, error) {
	if in.Inbox != nil && !*in.Inbox {
		return Settings{}, apperr.Field("inbox", "Hộp thư thông báo trong ứng dụng không tắt được.")
	}
	now := s.now()
	var rows []settingRow
	for name, on := range in.Channels {
		if !slices.Contains(Channels, name) {
			return Settings{}, apperr.Field("channels."+name, "Kênh phải là push, zalo, sms hoặc email.")
		}
		rows = append(rows, settingRow{UserID: userID, Channel: name, Enabled: on, UpdatedAt: now})
	}
	if len(rows) > 0 {
		err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "user_id"}, {Name: "channel"}},
			DoUpdates: clause.AssignmentColumns([]string{"enabled", "updated_at"}),
		}).Create(&rows).Error
		if err != nil {
			return Settings{}, err
		}
	}
	return s.Settings(ctx, userID)
}

// channelsOff returns the channels the recipients turned off, by
// "user id/channel".
func (s *Service) channelsOff(ctx context.Context, rs []Recipient) (map[string]bool, error) {
	var ids []string
	for _, r := range rs {
		if !r.guest() {
			ids = append(ids, r.UserID)
		}
	}
	off := map[string]bool{}
	if len(ids) == 0 || len(s.channels) == 0 {
		return off, nil
	}
	var rows []settingRow
	if err := s.db.WithContext(ctx).Where("user_id IN ? AND NOT enabled", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		off[r.UserID+"/"+r.Channel] = true
	}
	return off, nil
}
