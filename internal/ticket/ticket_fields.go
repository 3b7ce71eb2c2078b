package ticket

import "context"

// FieldChecker checks a new ticket's custom fields against the ticket form
// (required fields per product area, TxIDs and addresses valid) and returns
// the values to store; *form.Store implements it. surface is "widget" for
// the chat channel, "api" for other channels and integrations, "agent" for
// tickets agents open.
type FieldChecker interface {
	CheckFields(ctx context.Context, surface, area string, values map[string]string) (map[string]string, error)
}

// WithFields makes new tickets' custom fields pass fc.
func (s *Store) WithFields(fc FieldChecker) *Store {
	s.fields = fc
	return s
}

// checkFields runs the form's checks on a new ticket, if the store has a
// form; it is called before anything is written.
func (s *Store) checkFields(ctx context.Context, surface string, in *NewTicket) error {
	if s.fields == nil {
		return nil
	}
	out, err := s.fields.CheckFields(ctx, surface, in.ProductArea, in.CustomFields)
	if err != nil {
		return err
	}
	in.CustomFields = out
	return nil
}

// surfaceOf is the form surface a channel's tickets are filled in on.
func surfaceOf(channel string) string {
	if channel == "chat" {
		return "widget"
	}
	return "api"
}
