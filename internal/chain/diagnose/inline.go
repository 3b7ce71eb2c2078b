package diagnose

import (
	"context"
	"strings"
	"unicode"
)

// FromMessage is the entry point for checks inside a conversation (the chat
// widget, the bot): it finds a TxID, and a deposit address if there is one,
// in a customer's free text and diagnoses them. ok is false when the text
// holds no TxID; an address alone is not enough to diagnose.
func (d *Diagnoser) FromMessage(ctx context.Context, text, userID, language string) (res Result, ok bool, err error) {
	req := Request{UserID: userID, Language: language}
	for _, token := range strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;()[]<>\"'", r)
	}) {
		token = strings.TrimRight(token, ".:!?")
		if len(token) < 25 || len(token) > 130 {
			continue // shorter or longer than any address or TxID
		}
		if req.TxID == "" && len(d.Registry.TxIDNetworks(token)) > 0 {
			req.TxID = token
			continue
		}
		if req.Address == "" && len(d.Registry.AddressNetworks(token)) > 0 {
			req.Address = token
		}
	}
	if req.TxID == "" {
		return Result{}, false, nil
	}
	res, err = d.Diagnose(ctx, req)
	return res, err == nil, err
}
