package database_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type pipeRow struct {
	ID string `gorm:"primaryKey"`
	N  int
}

func (pipeRow) TableName() string { return "pipe_rows" }

// TestPipeline: statements queued on a pipeline run in their order, in the
// transaction, with the clauses given (what they write is seen by the transaction's next statement
// and by no one else before the commit, and a rollback takes it back), each
// answer reaches its callback, and the first error (a statement's,
// translated as GORM's own, or a callback's) is Run's; a statement GORM
// cannot build fails Run before anything is sent.
func TestPipeline(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if err := db.Exec("CREATE TABLE pipe_rows (id TEXT PRIMARY KEY, n INTEGER NOT NULL)").Error; err != nil {
			t.Fatal(err)
		}
		count := func(q *gorm.DB) int64 {
			var n int64
			if err := q.Table("pipe_rows").Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		var changed, inserted int64
		var read []string
		err := database.Transaction(ctx, db, func(tx *gorm.DB) error {
			p := database.NewPipeline(tx)
			p.Create(&[]pipeRow{{ID: "a", N: 1}, {ID: "b", N: 2}, {ID: "c", N: 3}}, nil)
			p.Create(&[]pipeRow{{ID: "a", N: 8}, {ID: "g", N: 1}}, func(n int64) error { inserted = n; return nil }, clause.OnConflict{DoNothing: true})
			p.Exec(func(n int64) error { changed = n; return nil }, "UPDATE pipe_rows SET n = n * 10 WHERE id IN ?", []string{"a", "c"})
			p.Query(func(scan func(...any) error) error {
				var id string
				var n int
				err := scan(&id, &n)
				read = append(read, fmt.Sprint(id, n))
				return err
			}, "SELECT id, n FROM pipe_rows WHERE n > ? ORDER BY id", 2)
			if err := p.Run(); err != nil {
				return err
			}
			if got := count(tx); got != 4 {
				t.Errorf("the transaction sees %d rows, want 4", got)
			}
			if got := count(db); got != 0 {
				t.Errorf("outside the transaction %d rows are seen before the commit", got)
			}
			return nil
		})
		if err != nil || inserted != 1 || changed != 2 || fmt.Sprint(read) != "[a10 c30]" {
			t.Fatalf("run: %v, %d inserted, %d changed, read %v", err, inserted, changed, read)
		}

		stop := errors.New("stop")
		err = database.Transaction(ctx, db, func(tx *gorm.DB) error {
			p := database.NewPipeline(tx)
			p.Create(&pipeRow{ID: "d", N: 4}, nil)
			p.Exec(func(int64) error { return stop }, "UPDATE pipe_rows SET n = 0")
			p.Create(&pipeRow{ID: "e", N: 5}, nil)
			return p.Run()
		})
		if !errors.Is(err, stop) {
			t.Fatalf("a callback's error: %v", err)
		}
		err = database.Transaction(ctx, db, func(tx *gorm.DB) error {
			p := database.NewPipeline(tx)
			p.Create(&pipeRow{ID: "f", N: 6}, nil)
			p.Create(&pipeRow{ID: "a", N: 7}, nil)
			return p.Run()
		})
		if !errors.Is(err, gorm.ErrDuplicatedKey) {
			t.Fatalf("a duplicate key: %v", err)
		}
		err = database.Transaction(ctx, db, func(tx *gorm.DB) error {
			p := database.NewPipeline(tx)
			p.Create(&pipeRow{ID: "h", N: 8}, nil)
			p.Updates(nil, &pipeRow{}, map[string]any{"n": 0}, "") // no WHERE: GORM refuses to build it
			err := p.Run()
			if got := count(tx); got != 4 {
				t.Errorf("the transaction sees %d rows after a pipeline that could not be built, want the 4 before it", got)
			}
			return err
		})
		if !errors.Is(err, gorm.ErrMissingWhereClause) {
			t.Fatalf("a statement GORM cannot build: %v", err)
		}
		var rows []pipeRow
		if err := db.Order("id").Find(&rows).Error; err != nil || fmt.Sprint(rows) != "[{a 10} {b 2} {c 30} {g 1}]" {
			t.Fatalf("after three failed pipelines: %v %v", rows, err)
		}
		if err := database.NewPipeline(db).Run(); err != nil {
			t.Fatalf("an empty pipeline: %v", err)
		}
	})
}

// TestPipelineIsOneRoundTrip: on PostgreSQL, the statements of a pipeline
// in a Transaction reach the server as one request (counted on the wire):
// BEGIN, the pipeline and COMMIT are three round trips however many
// statements it holds; in a transaction begun elsewhere each statement is
// its own.
func TestPipelineIsOneRoundTrip(t *testing.T) {
	_, db, proxy := dbtest.PostgresProxied(t)
	ctx := context.Background()
	if err := db.Exec("CREATE TABLE pipe_rows (id TEXT PRIMARY KEY, n INTEGER NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	queue := func(tx *gorm.DB, round int) error {
		p := database.NewPipeline(tx)
		for i := range 4 {
			p.Create(&pipeRow{ID: fmt.Sprint(round, "-", i), N: i}, nil)
		}
		p.Exec(nil, "UPDATE pipe_rows SET n = n + 1 WHERE id LIKE ?", fmt.Sprint(round, "-%"))
		return p.Run()
	}
	pinned := func(round int) error {
		return database.Transaction(ctx, db, func(tx *gorm.DB) error { return queue(tx, round) })
	}
	elsewhere := func(round int) error {
		return db.Transaction(func(tx *gorm.DB) error { return queue(tx, round) })
	}
	for _, c := range []struct {
		name string
		run  func(int) error
		want int64
	}{{"in a Transaction", pinned, 3}, {"in a transaction begun elsewhere", elsewhere, 7}} {
		if err := c.run(0 + int(c.want)); err != nil { // the first run prepares the statements
			t.Fatal(err)
		}
		proxy.ResetRoundTrips()
		if err := c.run(100 + int(c.want)); err != nil {
			t.Fatal(err)
		}
		if got := proxy.RoundTrips(); got != c.want {
			t.Errorf("%s: %d round trips for BEGIN, 5 statements and COMMIT, want %d", c.name, got, c.want)
		}
	}
}
