//go:build race

package web_test

// raceSlowdown stretches the browser journeys' safety deadlines: under the
// race detector the photo pipeline (WebP through wasm2go) runs many times
// slower, and a journey that creates a product with a photo can need
// minutes on a busy two-core machine. The deadlines only stop a hung
// browser; no test asserts how long a step takes.
const raceSlowdown = 3
