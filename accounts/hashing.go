package accounts

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
)

// hashBudget bounds concurrent argon2id computations: each takes 19 MiB,
// so a burst must queue rather than exhaust memory. Sign-in keeps a share
// of its own: a registration (or an account made on the command line)
// must hold a signup slot as well as a slot of all, and there are half as
// many signup slots, so a flood of registrations from many addresses can
// take at most half of the hashing and never starves sign-in.
type hashBudget struct {
	all     chan struct{}
	signups chan struct{}
}

func newHashBudget(n int) hashBudget {
	return hashBudget{all: make(chan struct{}, n), signups: make(chan struct{}, max(1, n/2))}
}

// hash computes a new password's hash within the signup budget.
func (s *Service) hash(ctx context.Context, pw string) (string, error) {
	if err := acquire(ctx, s.hashing.signups); err != nil {
		return "", err
	}
	defer func() { <-s.hashing.signups }()
	if err := acquire(ctx, s.hashing.all); err != nil {
		return "", err
	}
	defer func() { <-s.hashing.all }()
	h, err := s.hashPassword(pw)
	return h, apperr.Wrap(err, "hash password")
}

// verify checks a password at sign-in within the whole budget.
func (s *Service) verify(ctx context.Context, pw, hash string) (bool, error) {
	if err := acquire(ctx, s.hashing.all); err != nil {
		return false, err
	}
	defer func() { <-s.hashing.all }()
	ok, err := VerifyPassword(pw, hash)
	return ok, apperr.Wrap(err, "verify password")
}

func acquire(ctx context.Context, slots chan struct{}) error {
	select {
	case slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return apperr.New(apperr.KindUnavailable, apperr.CodeUnavailable, "Hệ thống đang bận, xin thử lại sau giây lát.")
	}
}
