package orders

import "github.com/ganh-market/ganh/kernel"

// pages is the cursor family of order and review lists, the one list shape
// of the API (kernel.Page): a catalogue cursor is refused here.
const pages kernel.Cursor = "o1:"
