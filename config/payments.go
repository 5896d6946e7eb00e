package config

import (
	"errors"
	"strings"
)

// Payments configures how bank transfers are confirmed.
type Payments struct {
	// SePayAPIKey turns POST /payments/sepay on: SePay sends it as
	// "Authorization: Apikey <key>" (GANH_SEPAY_API_KEY). Unset, the
	// webhook does not exist (404) and sellers mark transfers paid by hand.
	SePayAPIKey Secret
}

func (r *reader) payments() Payments {
	return Payments{SePayAPIKey: Secret(r.str("GANH_SEPAY_API_KEY", ""))}
}

// minSePayKey is the shortest key accepted: the key is all that stands
// between the internet and marking orders paid.
const minSePayKey = 16

func (p Payments) validate() []error {
	k := p.SePayAPIKey.Reveal()
	if k != "" && (len(k) < minSePayKey || strings.ContainsAny(k, " \t\r\n")) {
		return []error{errors.New("GANH_SEPAY_API_KEY must be at least 16 characters without spaces")}
	}
	return nil
}
