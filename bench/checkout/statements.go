package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
)

// statementsPerCheckout places n checkouts one after the other over a
// connection of its own that PostgreSQL logs every statement of
// (log_statement=all as a startup parameter, so nothing else is logged),
// and counts that connection's lines in the server log at path: every
// round trip the client makes, BEGIN and COMMIT included.
func (b *bench) statementsPerCheckout(ctx context.Context, path string, n int) (float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("read the server log (-pglog): %w", err)
	}
	defer f.Close()
	var schema string
	if err := b.db.WithContext(ctx).Raw("SELECT current_schema()").Scan(&schema).Error; err != nil {
		return 0, err
	}
	u, err := url.Parse(b.o.url)
	if err != nil {
		return 0, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	q.Set("log_statement", "all")
	u.RawQuery = q.Encode()
	db, err := database.Open(ctx, database.Options{URL: u.String()})
	if err != nil {
		return 0, err
	}
	defer database.Close(db)
	sqlDB, err := db.DB()
	if err != nil {
		return 0, err
	}
	sqlDB.SetMaxOpenConns(1)
	var pid int
	if err := db.WithContext(ctx).Raw("SELECT pg_backend_pid()").Scan(&pid).Error; err != nil {
		return 0, err
	}
	svc := orders.NewService(db, reports.Rollups{})
	rng := rand.New(rand.NewPCG(3, 4))
	place := func() error {
		resp, err := checkoutWith(ctx, svc, b.variants, rng)
		if err == nil && resp.Status != http.StatusCreated {
			err = fmt.Errorf("checkout answered %d: %s", resp.Status, resp.Body)
		}
		return err
	}
	if err := place(); err != nil { // prepares the statements
		return 0, err
	}
	time.Sleep(300 * time.Millisecond) // the server writes its log asynchronously
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return 0, err
	}
	for range n {
		if err := place(); err != nil {
			return 0, err
		}
	}
	time.Sleep(300 * time.Millisecond)
	count := 0
	me := "[" + strconv.Itoa(pid) + "]"
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, me) && (strings.Contains(line, " LOG:  statement: ") || strings.Contains(line, " LOG:  execute ")) {
			count++
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	if count == 0 {
		return 0, fmt.Errorf("no statement of connection %d in %s (does log_line_prefix name the process, %%p?)", pid, path)
	}
	return float64(count) / float64(n), nil
}
