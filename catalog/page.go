package catalog

import "github.com/ganh-market/ganh/kernel"

// pages is the cursor family of the catalogue's lists.
const pages kernel.Cursor = "c1:"
