//go:build !race

package web_test

// raceSlowdown: see race_on_test.go.
const raceSlowdown = 1
