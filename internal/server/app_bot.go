package server

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/bot"
	"github.com/groundcrew/groundcrew/internal/bot/llm"
	"github.com/groundcrew/groundcrew/internal/chat"
)

// openBot wires the support bot into the chat: it reads customers'
// messages with the analyser (openNLU), answers from the knowledge base
// (openKB) and the live tools (openCrypto's diagnosis and exchange), runs
// the self-service flows at the customers' verification levels
// (openAccount), and offers its flows in the widget's toolbar (openChat).
// It is off unless Config.Bot (--bot; on with --demo by default).
func (a *App) openBot() error {
	if !a.cfg.Bot {
		return nil
	}
	cfg := bot.Config{
		DB: a.db, Tickets: a.tickets.Store, Analyzer: a.nlu.Analyzer, Levels: a.levels, Articles: a.kbSearch,
		Exchange: a.exchange, Audit: a.audit, Signal: a.bus, Log: a.log, PublicURL: a.cfg.PublicURL, FlowSubject: chat.FlowSubject,
	}
	if a.diagnose != nil {
		cfg.Deposits = a.diagnose.Diagnoser
	}
	if a.recovery != nil {
		cfg.Recovery = a.recovery.Service // offers appeals after deposit verdicts
	}
	// The model's answers pass the outbound guard as any bot reply does.
	model, err := llm.New(a.cfg.LLM, func(text string) string { return a.screen.Outbound(nil, text) })
	if err != nil {
		return fmt.Errorf("bot language model: %w", err)
	}
	cfg.Model = model
	// A chat the bot answers is offered to agents only once the bot hands
	// it off; the hand-off routes it at once.
	cfg.HandedOff = a.routing.RouteTicket
	if a.bot, err = bot.New(cfg); err != nil {
		return err
	}
	a.routing.BotHolds = a.bot.Holds
	a.chat.Use(chat.WithFlows(a.bot))
	return nil
}

// startBot runs the bot's consumer of customer messages.
func (a *App) startBot(ctx context.Context) error {
	if a.bot == nil {
		return nil
	}
	return a.bot.Start(ctx, a.bus)
}
