package catalog

import (
	"gorm.io/gorm"

	"github.com/ganh-market/ganh/notify/event"
)

// coopEventKinds are the coop moves its owner is told of; a move back to
// approved after a suspension is an approval too.
var coopEventKinds = map[CoopStatus]event.Kind{
	CoopApproved:  event.CoopApproved,
	CoopRejected:  event.CoopRejected,
	CoopSuspended: event.CoopSuspended,
}

// notifyCoopMoved tells a coop's owner of a staff decision, with the
// reason, in the transaction of the move.
func notifyCoopMoved(tx *gorm.DB, c *coopRow) error {
	kind, ok := coopEventKinds[c.Status]
	if !ok {
		return nil
	}
	return event.Write(tx, event.Event{Kind: kind, CoopID: c.ID, CoopSlug: c.Slug, CoopName: c.Name, Reason: c.StatusReason})
}

// notifyProductHidden tells a coop's members that staff hid one of their
// products, and why.
func notifyProductHidden(tx *gorm.DB, c *coopRow, p *productRow, reason string) error {
	return event.Write(tx, event.Event{
		Kind: event.ProductHidden, CoopID: c.ID, CoopSlug: c.Slug, CoopName: c.Name,
		ProductID: p.ID, ProductName: p.Name, Reason: reason,
	})
}
