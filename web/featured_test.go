package web_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/kernel"
)

// TestFeaturedEndDateSurvivesSaves: the staff form shows the last day an
// entry is featured, the catalog stores the moment it ends (the next
// midnight). Saving the form unchanged, again and again, must keep both.
func TestFeaturedEndDateSurvivesSaves(t *testing.T) {
	a := newTestApp(t, true)
	staff := a.browser()
	staff.login(demoStaff)
	const path = "/quan-tri/noi-bat"

	form := formFields(staff.get(path).Body, path)
	if form.Get("c_n") == "" || form.Get("c_n") == "0" {
		t.Fatalf("the demo has no featured coop to edit: %v", form)
	}
	form.Set("c_0_ends", "2030-03-10")
	if r := staff.post(path, form); r.Status != http.StatusSeeOther {
		t.Fatalf("set the end date: %d\n%s", r.Status, r.Body)
	}
	vn := time.FixedZone("ICT", 7*3600)
	wantEnd := time.Date(2030, 3, 11, 0, 0, 0, 0, vn) // the end day is included
	for i := range 3 {
		form = formFields(staff.get(path).Body, path)
		if got := form.Get("c_0_ends"); got != "2030-03-10" {
			t.Fatalf("after %d saves the form shows the end date %q, want 2030-03-10", i, got)
		}
		in, err := a.Catalog.FeaturedEntries(context.Background(), staffActor(t, a), "")
		if err != nil {
			t.Fatal(err)
		}
		if e := in.Coops[0].EndsAt; e == nil || !e.Equal(wantEnd) {
			t.Fatalf("after %d saves the stored end is %v, want %v", i, e, wantEnd)
		}
		if r := staff.post(path, form); r.Status != http.StatusSeeOther {
			t.Fatalf("save %d: %d\n%s", i+1, r.Status, r.Body)
		}
	}
}

// staffActor is the demo staff member as the catalog sees her.
func staffActor(t *testing.T, a *testApp) kernel.Caller {
	t.Helper()
	s, err := a.Accounts.Login(context.Background(), demoStaff, "ganh-demo-2025", "")
	if err != nil {
		t.Fatal(err)
	}
	return accounts.CallerOf(s.User)
}
