-- +goose Up
CREATE TABLE categories (
    id         TEXT PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    parent_id  TEXT REFERENCES categories (id),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX categories_parent_id_idx ON categories (parent_id);

-- The default Vietnamese category tree of a fresh install.
INSERT INTO categories (id, slug, name, parent_id, position, created_at, updated_at) VALUES
    ('cat_thuc-pham', 'thuc-pham', 'Thực phẩm', NULL, 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_dac-san-kho', 'dac-san-kho', 'Đặc sản khô', 'cat_thuc-pham', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_banh-keo', 'banh-keo', 'Bánh kẹo', 'cat_thuc-pham', 2, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_mam-gia-vi', 'mam-gia-vi', 'Mắm và gia vị', 'cat_thuc-pham', 3, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_thit-ca-che-bien', 'thit-ca-che-bien', 'Thịt, cá chế biến', 'cat_thuc-pham', 4, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_mien-bun-pho', 'mien-bun-pho', 'Miến, bún, phở khô', 'cat_thuc-pham', 5, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_do-uong', 'do-uong', 'Đồ uống', NULL, 2, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_tra', 'tra', 'Trà', 'cat_do-uong', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_ruou', 'ruou', 'Rượu', 'cat_do-uong', 2, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_ca-phe', 'ca-phe', 'Cà phê', 'cat_do-uong', 3, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_nuoc-ep-si-ro', 'nuoc-ep-si-ro', 'Nước ép và si-rô', 'cat_do-uong', 4, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_nong-san', 'nong-san', 'Nông sản', NULL, 3, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_gao-ngu-coc', 'gao-ngu-coc', 'Gạo và ngũ cốc', 'cat_nong-san', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_rau-cu-qua', 'rau-cu-qua', 'Rau, củ, quả', 'cat_nong-san', 2, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_mat-ong', 'mat-ong', 'Mật ong', 'cat_nong-san', 3, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_hat-dinh-duong', 'hat-dinh-duong', 'Hạt dinh dưỡng', 'cat_nong-san', 4, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_duoc-lieu', 'duoc-lieu', 'Dược liệu', NULL, 4, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_thao-duoc', 'thao-duoc', 'Thảo dược', 'cat_duoc-lieu', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_tinh-dau', 'tinh-dau', 'Tinh dầu', 'cat_duoc-lieu', 2, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_thu-cong-my-nghe', 'thu-cong-my-nghe', 'Thủ công mỹ nghệ', NULL, 5, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_coi-may-tre', 'coi-may-tre', 'Cói, mây, tre', 'cat_thu-cong-my-nghe', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_gom-su', 'gom-su', 'Gốm sứ', 'cat_thu-cong-my-nghe', 2, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_son-mai-go', 'son-mai-go', 'Sơn mài và gỗ', 'cat_thu-cong-my-nghe', 3, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_det-may', 'det-may', 'Dệt may', NULL, 6, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_tho-cam', 'tho-cam', 'Thổ cẩm', 'cat_det-may', 1, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_theu-ren', 'theu-ren', 'Thêu ren', 'cat_det-may', 2, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00'),
    ('cat_lua-to-tam', 'lua-to-tam', 'Lụa tơ tằm', 'cat_det-may', 3, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');

-- +goose Down
DROP TABLE categories;
