package policy

import "github.com/ganh-market/ganh/kernel"

// MarketReport is the Oversight of the market reports (overview, sales,
// the chapters' leaderboard) c reads: staff of every province read every
// coop's figures, or one province's when they ask for it (province, a
// slug); a province's staff read their province's coops' figures (issue 16).
// A province's staff asking for another province are refused: the
// provinces are public, so there is nothing to hide.
func MarketReport(c kernel.Caller, province string) (Oversight, Decision) {
	if g := Gate(c, ReadMarketReport); !g.Allowed() {
		return Oversight{}, g
	}
	o := Oversight{All: true}
	if !national(c) {
		o = Oversight{Province: c.Province}
	}
	if province == "" {
		return o, allow(ReadMarketReport)
	}
	if !o.Covers(province) {
		return Oversight{}, refuse(ReadMarketReport, NotInProvince)
	}
	return Oversight{Province: province}, allow(ReadMarketReport)
}
