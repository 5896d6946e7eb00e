package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

// statementLog counts the statements PostgreSQL itself logs for one
// database, as the peer benchmarks count them: log_statement=all is set on
// that database alone (the server's other clients are not logged), and the
// lines of its connections are counted in the server log. Every statement a
// client sends is there, BEGIN and COMMIT included, whatever the driver.
type statementLog struct {
	path string // the server's log file
	db   string // the database's name
}

// withStatementLog runs fn with a connection pool to dsn opened after
// log_statement=all was set on its database (the setting holds for new
// connections only), then resets it.
func (l statementLog) with(ctx context.Context, admin *gorm.DB, dsn string, fn func(db *gorm.DB) error) error {
	name := `"` + strings.ReplaceAll(l.db, `"`, `""`) + `"`
	if err := admin.Exec("ALTER DATABASE " + name + " SET log_statement = 'all'").Error; err != nil {
		return fmt.Errorf("log statements: %w", err)
	}
	defer admin.Exec("ALTER DATABASE " + name + " RESET log_statement")
	db, err := database.Open(ctx, database.Options{URL: dsn})
	if err != nil {
		return err
	}
	defer database.Close(db)
	return fn(db)
}

// count returns how many statements the database's connections ran while
// fn ran.
func (l statementLog) count(fn func()) (int, error) {
	f, err := os.Open(l.path)
	if err != nil {
		return 0, fmt.Errorf("read the server log (-pglog): %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return 0, err
	}
	fn()
	time.Sleep(300 * time.Millisecond) // the server writes its log asynchronously
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.Contains(line, "@"+l.db+" ") {
			continue
		}
		if strings.Contains(line, " LOG:  statement: ") || strings.Contains(line, " LOG:  execute ") {
			n++
		}
	}
	return n, sc.Err()
}
