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
)

// Unavailable reports that the search backend cannot be reached or is
// closed; the cause stays in the log, the shopper is asked to retry.
func Unavailable(cause error, context string) error {
	return &apperr.Error{
		Kind:    apperr.KindUnavailable,
		Code:    apperr.CodeUnavailable,
		Message: "Tìm kiếm tạm thời không khả dụng, xin thử lại sau.",
		Err:     fmt.Errorf("search: %s: %w", context, cause),
	}
}

// Internal reports a backend failure that retrying will not fix.
func Internal(cause error, context string) error {
	return apperr.Wrap(cause, "search: "+context)
}

// RebuildRunning reports a second concurrent rebuild.
func RebuildRunning() error {
	return apperr.Conflictf(CodeReindexInProgress, "Chỉ mục tìm kiếm đang được dựng lại, xin thử lại sau.")
}

// Closed is what every call on a closed index returns.
func Closed() error {
	return Unavailable(fmt.Errorf("index closed"), "use after Close")
}
