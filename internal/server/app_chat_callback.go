package server

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/phone"
)

// widgetCallbacks lets the chat widget book phone callbacks, only when
// phone support is configured. Requests go through the phone service's
// RequestCallback, as the help center's form does, share its hourly
// limit (per customer here, per address there), and are confirmed on the
// conversation through the outbound guard (ticket SystemReply).
func (a *App) widgetCallbacks() chat.Option {
	if a.cfg.PhoneSecret == "" || a.phone == nil {
		return func(*chat.Service) {}
	}
	svc := a.phone.Service
	svc.Reply = func(ctx context.Context, ticketID int64, body string) error {
		_, err := a.tickets.Store.SystemReply(ctx, ticketID, body)
		return err
	}
	return chat.WithCallbacks(chat.CallbackConfig{
		Now: a.db.Clock(),
		KnownNumber: func(ctx context.Context, externalID string) (string, error) {
			n, err := svc.KnownNumber(ctx, externalID)
			if n == "" || err != nil {
				return "", err
			}
			return phone.Mask(n), nil
		},
		Allow: func(key string) error {
			if a.callbackLimit == nil {
				return nil
			}
			if ok, wait := a.callbackLimit.Allow("widget " + key); !ok {
				return errs.Limited(wait, "too many callback requests; try again later")
			}
			return nil
		},
		Request: func(ctx context.Context, q chat.CallbackAsk) (chat.CallbackBooked, error) {
			number := q.Number
			if number == "" && q.UseKnown {
				n, err := svc.KnownNumber(ctx, q.ExternalID)
				if err != nil {
					return chat.CallbackBooked{}, err
				}
				number = n
			}
			cb, err := svc.RequestCallback(ctx, phone.CallbackRequest{Number: number, WindowStart: q.WindowStart, WindowEnd: q.WindowEnd,
				Language: q.Lang, Source: phone.SourceWidget, ExternalID: q.ExternalID, Identity: q.Identity, VouchedNumber: q.VouchedNumber, TicketID: q.TicketID})
			if err != nil {
				return chat.CallbackBooked{}, err
			}
			return chat.CallbackBooked{ID: cb.ID, WindowStart: cb.WindowStart, WindowEnd: cb.WindowEnd, Text: phone.ConfirmText(q.Lang, cb)}, nil
		},
	})
}
