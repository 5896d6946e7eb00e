// Command ganh is the Gánh marketplace: one binary that serves the API and
// pages, migrates the database, seeds demo data and rebuilds the search index.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ganh:", err)
		os.Exit(1)
	}
}
