package notify

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/ganh-market/ganh/notify/event"
	"github.com/ganh-market/ganh/outbox"
)

// Fanout is the outbox handler of the events. A batch is read first (who
// receives each event, their settings, their addresses: asked once per
// batch and coop, not once per event), then written in one transaction: the
// inbox rows, the delivery rows and their channels' outbox rows. An event
// that cannot be read is reported alone; a failed write reports the batch,
// whose replay the unique keys make harmless.
func (s *Service) Fanout(ctx context.Context, batch []outbox.Message) map[int64]error {
	failed := map[int64]error{}
	m := &memo{members: map[string][]Recipient{}, address: map[string]string{}}
	var plans []plan
	for _, msg := range batch {
		p, err := s.plan(ctx, msg, m)
		if err != nil {
			failed[msg.ID] = err
			continue
		}
		plans = append(plans, p)
	}
	if err := s.applyOff(ctx, plans); err != nil {
		return outbox.FailAll(batch, err)
	}
	if err := s.writePlans(ctx, plans); err != nil {
		for _, p := range plans {
			failed[p.outboxID] = err
		}
	}
	return failed
}

// memo keeps what one batch already asked the database.
type memo struct {
	members map[string][]Recipient // by coop id and role
	address map[string]string      // by channel and recipient
}

// plan is what one event becomes.
type plan struct {
	outboxID int64
	inbox    []inboxRow
	sends    []messageRow
}

func (s *Service) plan(ctx context.Context, msg outbox.Message, m *memo) (plan, error) {
	p := plan{outboxID: msg.ID}
	var e event.Event
	if err := json.Unmarshal(msg.Payload, &e); err != nil || e.ID == "" {
		// A row nobody can read would be retried forever: log and drop.
		s.o.Log.Error("notify: unreadable event dropped", "outbox_id", msg.ID, "error", err)
		return p, nil
	}
	rs, err := recipientsMemo(ctx, s.db, e, m)
	if err != nil {
		return p, err
	}
	data, err := json.Marshal(dataOf(e))
	if err != nil {
		return p, err
	}
	now := s.now()
	seen := map[string]bool{}
	for _, r := range rs {
		who := recipientKey(r)
		if seen[who] {
			continue
		}
		seen[who] = true
		guestPhone := ""
		if r.guest() {
			guestPhone = r.Phone
		}
		t := word(e, r.to, guestPhone)
		if !r.guest() {
			p.inbox = append(p.inbox, inboxRow{ID: newID(), UserID: r.UserID, EventID: e.ID, Kind: string(e.Kind),
				Title: t.Title, Body: t.Body, Link: t.Link, Data: string(data), CreatedAt: now})
		}
		for _, name := range Channels {
			ch, ok := s.channels[name]
			if !ok {
				continue
			}
			if k, ok := ch.(kindFilter); ok && !k.Handles(string(e.Kind)) {
				continue
			}
			key := name + "/" + who
			addr, known := m.address[key]
			if !known {
				if addr, err = ch.Address(ctx, r); err != nil {
					return p, fmt.Errorf("address on %s: %w", name, err)
				}
				m.address[key] = addr
			}
			if addr == "" {
				continue
			}
			row := messageRow{
				ID: newID(), DedupKey: e.ID + "/" + who + "/" + name, EventID: e.ID, Kind: string(e.Kind),
				Channel: name, Address: addr, Title: t.Title, Body: t.Body, Link: t.Link,
				Data: string(data), Status: statusPending, CreatedAt: now,
			}
			if !r.guest() {
				row.UserID = &r.UserID
			}
			p.sends = append(p.sends, row)
		}
	}
	return p, nil
}

// applyOff drops the sends on channels their person turned off, asking for
// the whole batch's people at once.
func (s *Service) applyOff(ctx context.Context, plans []plan) error {
	var rs []Recipient
	for _, p := range plans {
		for _, m := range p.sends {
			if m.UserID != nil {
				rs = append(rs, Recipient{UserID: *m.UserID})
			}
		}
	}
	off, err := s.channelsOff(ctx, rs)
	if err != nil || len(off) == 0 {
		return err
	}
	for i := range plans {
		kept := plans[i].sends[:0]
		for _, m := range plans[i].sends {
			if m.UserID == nil || !off[*m.UserID+"/"+m.Channel] {
				kept = append(kept, m)
			}
		}
		plans[i].sends = kept
	}
	return nil
}

// writePlans writes a batch's rows in one transaction. Delivery rows that
// exist already (a replayed event) are left, and get no second outbox row.
func (s *Service) writePlans(ctx context.Context, plans []plan) error {
	var inbox []inboxRow
	var sends []messageRow
	for _, p := range plans {
		inbox = append(inbox, p.inbox...)
		sends = append(sends, p.sends...)
	}
	if len(inbox) == 0 && len(sends) == 0 {
		return nil
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if len(inbox) > 0 {
			err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "event_id"}, {Name: "user_id"}}, DoNothing: true}).
				CreateInBatches(&inbox, 200).Error
			if err != nil {
				return err
			}
		}
		if len(sends) == 0 {
			return nil
		}
		keys := make([]string, len(sends))
		for i, m := range sends {
			keys[i] = m.DedupKey
		}
		var existing []string
		if err := tx.Model(&messageRow{}).Where("dedup_key IN ?", keys).Pluck("dedup_key", &existing).Error; err != nil {
			return err
		}
		had := make(map[string]bool, len(existing))
		for _, k := range existing {
			had[k] = true
		}
		fresh := sends[:0]
		byChannel := map[string][]string{}
		for _, m := range sends {
			if !had[m.DedupKey] {
				had[m.DedupKey] = true
				fresh = append(fresh, m)
				byChannel[m.Channel] = append(byChannel[m.Channel], m.ID)
			}
		}
		if len(fresh) == 0 {
			return nil
		}
		if err := tx.CreateInBatches(&fresh, 200).Error; err != nil {
			return err
		}
		for _, name := range Channels {
			if err := outbox.WriteKeys(tx, topicOf(name), byChannel[name]...); err != nil {
				return err
			}
		}
		return nil
	})
}

// recipientKey names a recipient in dedup keys: the account, or the guest's
// phone.
func recipientKey(r Recipient) string {
	if r.guest() {
		return "phone:" + r.Phone
	}
	return r.UserID
}

// dataOf is the `data` of a notification: the ids a client needs to act.
func dataOf(e event.Event) map[string]any {
	d := map[string]any{"coop_id": e.CoopID}
	if e.CoopSlug != "" {
		d["coop_slug"] = e.CoopSlug
	}
	if e.OrderCode != "" {
		d["order_code"] = e.OrderCode
	}
	if e.Status != "" {
		d["status"] = e.Status
	}
	if e.ProductID != "" {
		d["product_id"] = e.ProductID
	}
	if e.VariantID != "" {
		d["variant_id"] = e.VariantID
	}
	if e.Stock != nil {
		d["stock"] = *e.Stock
	}
	return d
}
