// Package migrations holds the versioned SQL migrations of each database
// dialect, embedded in the binary so that `ganh migrate` and `ganh serve`
// need nothing beside the executable. Each dialect has its own folder because
// PostgreSQL and SQLite differ in types and constraints; the version numbers
// of both folders move together.
package migrations

import "embed"

// FS has one folder per dialect: postgres/ and sqlite/.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
