// Package catalog owns what shoppers browse: cooperatives (storefronts) and
// their members, the category tree, products with their variants and photos,
// staff moderation and the featured lists the Hội curates.
//
// The Service is the only way in. Each method takes the caller as a
// kernel.Caller, opens its own transaction for writes, loads inside it the
// caller's standing in the cooperative concerned (access.go) and asks the
// policy package whether they may act: to anyone else a cooperative they
// may not see does not exist (apperr not_found).
//
// What each caller may see is policy's rule too; visibility.go turns it
// into SQL applied to every read (lists, pages by slug, featured). Every change to what a
// product's public document shows renders that document again (the read
// model, product_read_model.go) and writes an outbox row in the same
// transaction (ProductsChanged); the search worker drains the outbox.
//
// The catalog alone writes its tables. Other packages change stock, sales
// counts and ratings through HoldSale and Sale.Take, ReturnStock and
// RecordRating inside their own transaction; counters.go states the lock
// order every writer of catalog rows follows, and those functions follow it
// by themselves.
//
// Tables (migration 00003): coops, coop_members, coop_status_history,
// coop_audit_log, products, product_variants, product_images,
// featured_coops, featured_products, outbox.
package catalog
