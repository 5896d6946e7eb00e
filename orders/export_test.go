package orders

// WithCodes makes the service draw order codes from next instead of at
// random, so a test can draw a code that is taken.
func WithCodes(next func() string) Option { return func(s *Service) { s.drawCode = next } }

// NewCode is the random draw a service makes by default.
var NewCode = newCode
