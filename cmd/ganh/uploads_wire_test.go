package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database/dbtest"
)

// TestWireUploads: serve keeps resumable uploads under the data dir and
// its sweep removes those left a day, not younger ones.
func TestWireUploads(t *testing.T) {
	s, dir := wired(t, dbtest.SQLite(t), nil)
	folder := filepath.Join(dir, "tai-anh")
	if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		t.Fatalf("uploads folder: %v", err)
	}
	old := time.Now().Add(-mediaSweepGrace - time.Hour)
	for _, id := range []string{"0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"} {
		for _, f := range []string{id, id + ".info"} {
			p := filepath.Join(folder, f)
			if err := os.WriteFile(p, []byte(`{"ID":"`+id+`","Size":1,"Offset":0,"MetaData":{},"Storage":{"Path":"`+filepath.Join(folder, id)+`","InfoPath":"`+filepath.Join(folder, id+".info")+`"}}`), 0o600); err != nil {
				t.Fatal(err)
			}
			if id[0] == '0' {
				if err := os.Chtimes(p, old, old); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	s.sweepUploads(context.Background())
	left, _ := os.ReadDir(folder)
	if len(left) != 2 || left[0].Name()[0] != 'f' {
		t.Fatalf("after the sweep: %v", left)
	}
}
