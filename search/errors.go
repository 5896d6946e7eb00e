package search

import (
	"fmt"

	"github.com/ganh-market/ganh/apperr"
)

// Codes this package adds to apperr's shared ones.
const (
	// CodeReindexInProgress is returned by BeginRebuild while another
	// rebuild of the same index is running.
	CodeReindexInProgress = "reindex_in_progress"
	// CodeIndexLocked is returned by OpenEmbedded when another process
	// (normally `ganh serve`) has the on-disk index open.
	CodeIndexLocked = "search_index_locked"
)

// errUnavailable reports that the search backend cannot be reached or is
// closed; the cause stays in the log, the shopper is asked to retry.
func errUnavailable(cause error, context string) error {
	return &apperr.Error{
		Kind:    apperr.KindUnavailable,
		Code:    apperr.CodeUnavailable,
		Message: "Tìm kiếm tạm thời không khả dụng, xin thử lại sau.",
		Err:     fmt.Errorf("search: %s: %w", context, cause),
	}
}

// errInternal reports a backend failure that retrying will not fix.
func errInternal(cause error, context string) error {
	return apperr.Wrap(cause, "search: "+context)
}

// errRebuildRunning reports a second concurrent rebuild.
func errRebuildRunning() error {
	return apperr.Conflictf(CodeReindexInProgress, "Chỉ mục tìm kiếm đang được dựng lại, xin thử lại sau.")
}

// errClosed is what every call on a closed index returns.
func errClosed() error {
	return errUnavailable(fmt.Errorf("index closed"), "use after Close")
}

// IsIndexLocked says whether err is OpenEmbedded finding the index open in
// another process (CodeIndexLocked).
func IsIndexLocked(err error) bool { return apperr.CodeOf(err) == CodeIndexLocked }
