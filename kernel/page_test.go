package kernel_test

import (
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
)

func TestPageRequestSize(t *testing.T) {
	for in, want := range map[int]int{-1: 20, 0: 20, 1: 1, 100: 100, 101: 100} {
		if got := (kernel.PageRequest{Limit: in}).Size(); got != want {
			t.Errorf("Size of %d = %d, want %d", in, got, want)
		}
	}
}

// TestCursorRoundTrip: a page's cursor continues after its last item, and a
// cursor of another family or of bad bytes is a validation failure.
func TestCursorRoundTrip(t *testing.T) {
	const k kernel.Cursor = "t1:"
	ids := []string{"c", "b", "a"}
	p := kernel.PageOf(ids, 2, k, func(s string) string { return s })
	if len(p.Items) != 2 || p.NextCursor == nil {
		t.Fatalf("page = %+v", p)
	}
	after, err := k.After(kernel.PageRequest{Cursor: *p.NextCursor})
	if err != nil || after != "b" {
		t.Fatalf("after = %q, %v", after, err)
	}
	if last := kernel.PageOf(ids, 3, k, func(s string) string { return s }); last.NextCursor != nil {
		t.Fatal("the last page has a cursor")
	}
	if empty := kernel.NewPage[string](nil, false, k, ""); empty.Items == nil {
		t.Fatal("an empty page answers null items")
	}
	for _, bad := range []string{*p.NextCursor + "!", "dDE6", "not base64", "bzE6Yg"} {
		if _, err := k.After(kernel.PageRequest{Cursor: bad}); apperr.CodeOf(err) != apperr.CodeValidation {
			t.Errorf("cursor %q: %v", bad, err)
		}
	}
}

func TestCallerHelpers(t *testing.T) {
	if kernel.Anonymous.SignedIn() || kernel.Anonymous.IsStaff() {
		t.Fatal("anonymous is somebody")
	}
	if (kernel.Caller{Role: kernel.RoleAdmin}).IsStaff() {
		t.Fatal("a role without a user is staff")
	}
	if !(kernel.Caller{UserID: "u", Role: kernel.RoleAdmin}).IsStaff() || (kernel.Caller{UserID: "u", Role: kernel.RoleSeller}).IsStaff() {
		t.Fatal("staff roles")
	}
}
