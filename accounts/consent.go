package accounts

import (
	"time"

	"gorm.io/gorm"
)

// PrivacyNoticeVersion names the privacy notice in force (the page
// /chinh-sach-bao-mat). Registering accepts it; change the version with
// the text, so each account's record says which text it accepted.
const PrivacyNoticeVersion = "2026-12-03"

// Consent is one acceptance of the privacy notice (Decree 13/2023/NĐ-CP):
// which version, when.
type Consent struct {
	UserID     string `gorm:"primaryKey"`
	Version    string `gorm:"primaryKey"`
	AcceptedAt time.Time
}

// TableName is the consents' table.
func (Consent) TableName() string { return "privacy_consents" }

// recordConsent writes the acceptance of the current notice by a new
// account, in the transaction that creates it.
func (s *Service) recordConsent(tx *gorm.DB, userID string) error {
	return tx.Create(&Consent{UserID: userID, Version: PrivacyNoticeVersion, AcceptedAt: s.now()}).Error
}
