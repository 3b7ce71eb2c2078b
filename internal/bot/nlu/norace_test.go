//go:build !race

package nlu

// raceDetector: see race_test.go.
const raceDetector = false
