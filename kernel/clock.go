package kernel

import "time"

// Clock is where a service reads the time, so tests can move it. Any
// func() time.Time is one.
type Clock func() time.Time

// UTCClock is the wall clock in UTC, the default of the services that keep
// times in the database.
func UTCClock() time.Time { return time.Now().UTC() }
