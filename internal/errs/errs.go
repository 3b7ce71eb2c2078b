// Package errs defines the error kinds the whole application speaks.
// Domain packages return them; only the web layer turns them into HTTP.
package errs

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error by what the caller should do about it.
type Kind int

const (
	Internal     Kind = iota // a bug or an outage: log it, say little
	Invalid                  // the input is wrong; the message says how
	NotFound                 // the thing does not exist, or the caller may not know it does
	Conflict                 // the input clashes with the current state
	Unauthorized             // no valid credentials
	Forbidden                // valid credentials, not allowed
	RateLimited              // too many requests
	TooLarge                 // the input is bigger than allowed
	Unavailable              // a dependency is down; try again later
	Blocked                  // well-formed, but the outbound guard refuses what it says
)

var kindNames = map[Kind]string{
	Internal: "internal", Invalid: "invalid", NotFound: "not_found", Conflict: "conflict",
	Unauthorized: "unauthorized", Forbidden: "forbidden", RateLimited: "rate_limited",
	TooLarge: "too_large", Unavailable: "unavailable", Blocked: "blocked",
}

func (k Kind) String() string { return kindNames[k] }

// Error is an error with a kind and a message that is safe to show to the caller.
type Error struct {
	Kind  Kind
	Msg   string
	Field string // the input field at fault, when there is one
	Err   error  // the cause, never shown to the caller
	// RetryAfter, for RateLimited, is how long the caller should wait.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an error of the given kind with a caller-safe message.
func E(kind Kind, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Limited builds a RateLimited error that says when to try again.
func Limited(retryAfter time.Duration, format string, args ...any) error {
	return &Error{Kind: RateLimited, Msg: fmt.Sprintf(format, args...), RetryAfter: retryAfter}
}

// Field builds an Invalid error that names the input field at fault.
func Field(field, format string, args ...any) error {
	return &Error{Kind: Invalid, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// KindOf reports the kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err has the given kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }

// As returns the first *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
