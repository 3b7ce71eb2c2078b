//go:build race

package nlu

// raceDetector: this test binary runs under the race detector, where
// training a model costs about ten times its CPU (see raceLight).
const raceDetector = true
