// Package layering holds no code: its tests are the layering of Gánh's
// packages, checked on every `go test ./...`.
//
// layering_test.go loads the import graph (`go list -deps`) and fails on a
// forbidden edge, printing the path that makes it; the rules are the table
// rules there, the one place they are written. ownership_test.go fails when
// Go code outside the catalog writes one of the catalog's tables.
package layering
