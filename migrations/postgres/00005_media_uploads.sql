-- +goose Up
-- Direct uploads: a member asks for a presigned POST to the object store, the
-- browser sends the photo there under an incoming/ key, then the member asks
-- the API to turn it into a photo of the product. Only the member it was
-- issued to may complete it, and only for that product. Rows older than the
-- sweeper's grace period are purged with their abandoned objects.
CREATE TABLE media_uploads (
    key        TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX media_uploads_created_at_idx ON media_uploads (created_at);

-- Removing a photo and the hourly media sweep ask whether anything still
-- shows an image hash.
CREATE INDEX product_images_hash_idx ON product_images (hash);
CREATE INDEX coops_logo_hash_idx ON coops (logo_hash) WHERE logo_hash IS NOT NULL;
CREATE INDEX coops_banner_hash_idx ON coops (banner_hash) WHERE banner_hash IS NOT NULL;

-- +goose Down
DROP INDEX coops_banner_hash_idx;
DROP INDEX coops_logo_hash_idx;
DROP INDEX product_images_hash_idx;
DROP TABLE media_uploads;
