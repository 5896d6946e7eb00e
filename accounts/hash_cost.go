package accounts

import (
	"sync/atomic"
	"testing"
)

// productionCost is the argon2id cost of every new hash a server makes.
var productionCost = argonParams{memory: argonMemoryKiB, time: argonTime, threads: argonThreads}

// hashCost is the cost HashPassword uses: productionCost, unless a test
// binary lowered it with UseTestHashCost. Verification never reads it: each
// hash carries its own parameters.
var hashCost atomic.Pointer[argonParams]

func init() { hashCost.Store(&productionCost) }

// UseTestHashCost makes new password hashes cheap (64 KiB, one pass) for
// the rest of the process, so suites that register hundreds of accounts
// spend their time on what they test rather than on argon2id (at 19 MiB a
// hash, under -race, that was most of the api suite's CPU). It panics
// outside a test binary: a server must never run with it.
func UseTestHashCost() {
	if !testing.Testing() {
		panic("accounts: UseTestHashCost called outside a test binary")
	}
	hashCost.Store(&argonParams{memory: 64, time: 1, threads: 1})
}
