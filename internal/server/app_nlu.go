package server

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/bot/nlu"
)

// openNLU wires the bot's understanding: one analyser per node, trained on
// the built-in phrases here and on the operators' phrases by startNLU.
func (a *App) openNLU() {
	a.nlu = nlu.NewService(a.db, a.registry, a.log)
	a.nluHTTP = &nlu.HTTP{Service: a.nlu, AuthorOf: authorOf}
}

// startNLU trains on the stored phrases, follows training changes made on
// any node, and writes the intent counters until the app stops.
func (a *App) startNLU(ctx context.Context) error {
	if err := a.nlu.Start(ctx, a.bus); err != nil {
		return err
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		a.nlu.Run(ctx)
	}()
	return nil
}
