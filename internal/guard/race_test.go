//go:build race

package guard

// raceDetector: this test binary runs under the race detector, where
// reading and training on the labelled sets costs about ten times its CPU
// (see raceLight).
const raceDetector = true
