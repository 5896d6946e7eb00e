-- +goose Up
-- Issue 18: the read model of the public product pages. Each product's
-- document (GET /products/{slug}, and the items of the public lists) is
-- rendered when a change commits, in the same transaction, instead of on
-- every read. catalog.ProductsChanged writes it; who may see the product
-- (its status, its coop's) is still decided at read time, by the
-- statement that reads it.
--
-- The document is head || images || tail. images holds the photos' URLs
-- without the store's address ("img/<hash>/large.webp"), which the read
-- puts in front: that address can depend on the request. Only the images
-- part holds nothing a seller typed, so that replacement can never touch
-- her words.
CREATE TABLE product_documents (
    product_id TEXT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    -- Bumped by every rendering: with the product id it is the answer's
    -- ETag, so If-None-Match is answered from the row's version alone.
    version    BIGINT NOT NULL,
    -- The fingerprint of the code that rendered it: on start-up, documents
    -- of another format (an older binary's) are rendered again.
    format     TEXT NOT NULL,
    head       TEXT NOT NULL,
    images     TEXT NOT NULL,
    tail       TEXT NOT NULL
);

-- +goose Down
DROP TABLE product_documents;
