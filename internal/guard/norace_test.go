//go:build !race

package guard

// raceDetector: see race_test.go.
const raceDetector = false
