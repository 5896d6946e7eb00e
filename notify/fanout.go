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

// Fanout is the outbox handler of the events: each becomes its messages in
// one transaction of its own (see the package comment). A failed event is
// reported alone; the others of the batch are done.
func (s *Service) Fanout(ctx context.Context, batch []outbox.Message) map[int64]error {
	failed := map[int64]error{}
	for _, m := range batch {
		if err := s.fanout(ctx, m); err != nil {
			failed[m.ID] = err
		}
	}
	return failed
}

func (s *Service) fanout(ctx context.Context, m outbox.Message) error {
	var e event.Event
	if err := json.Unmarshal(m.Payload, &e); err != nil || e.ID == "" {
		// A row nobody can read would be retried forever: log and drop.
		s.o.Log.Error("notify: unreadable event dropped", "outbox_id", m.ID, "error", err)
		return nil
	}
	rs, err := recipients(ctx, s.db, e)
	if err != nil {
		return err
	}
	off, err := s.channelsOff(ctx, rs)
	if err != nil {
		return err
	}
	data, err := json.Marshal(dataOf(e))
	if err != nil {
		return err
	}
	// Addresses are looked up before the transaction: a channel may ask
	// the database (push subscriptions) and the transaction stays short.
	type send struct {
		r     Recipient
		ch    string
		addr  string
		words Text
	}
	var sends []send
	seen := map[string]bool{}
	var inbox []inboxRow
	now := s.now()
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
			inbox = append(inbox, inboxRow{ID: newID(), UserID: r.UserID, EventID: e.ID, Kind: string(e.Kind),
				Title: t.Title, Body: t.Body, Link: t.Link, Data: string(data), CreatedAt: now})
		}
		for _, name := range Channels {
			ch, ok := s.channels[name]
			if !ok || off[r.UserID+"/"+name] {
				continue
			}
			if k, ok := ch.(kindFilter); ok && !k.Handles(string(e.Kind)) {
				continue
			}
			addr, err := ch.Address(ctx, r)
			if err != nil {
				return fmt.Errorf("address on %s: %w", name, err)
			}
			if addr != "" {
				sends = append(sends, send{r, name, addr, t})
			}
		}
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if len(inbox) > 0 {
			err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "event_id"}, {Name: "user_id"}}, DoNothing: true}).
				Create(&inbox).Error
			if err != nil {
				return err
			}
		}
		for _, sd := range sends {
			row := messageRow{
				ID: newID(), DedupKey: e.ID + "/" + recipientKey(sd.r) + "/" + sd.ch, EventID: e.ID, Kind: string(e.Kind),
				Channel: sd.ch, Address: sd.addr, Title: sd.words.Title, Body: sd.words.Body, Link: sd.words.Link,
				Data: string(data), Status: statusPending, CreatedAt: now,
			}
			if !sd.r.guest() {
				row.UserID = &sd.r.UserID
			}
			res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "dedup_key"}}, DoNothing: true}).Create(&row)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 1 {
				if err := outbox.Write(tx, topicOf(sd.ch), row.ID, nil); err != nil {
					return err
				}
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
