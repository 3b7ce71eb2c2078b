package main

import (
	"slices"
	"testing"
)

func TestTakeCheckpoint(t *testing.T) {
	tests := []struct {
		args []string
		cp   string
		rest []string
	}{
		{[]string{"--data", "/x"}, "", []string{"--data", "/x"}},
		{[]string{"--checkpoint=1.2.ab", "--data", "/x"}, "1.2.ab", []string{"--data", "/x"}},
		{[]string{"--data", "/x", "-checkpoint", "1.2.ab"}, "1.2.ab", []string{"--data", "/x"}},
		{[]string{"--data", "checkpoint"}, "", []string{"--data", "checkpoint"}},
	}
	for _, tt := range tests {
		cp, rest := takeCheckpoint(tt.args)
		if cp != tt.cp || !slices.Equal(rest, tt.rest) {
			t.Errorf("takeCheckpoint(%q) = %q, %q; want %q, %q", tt.args, cp, rest, tt.cp, tt.rest)
		}
	}
}
