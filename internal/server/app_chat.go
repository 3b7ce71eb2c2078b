package server

import (
	"context"
	"strings"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/guard"
)

// openChat wires the live-chat widget's socket. It runs after openCrypto
// (identity signer, exchange) and openAccount (identity on new tickets).
func (a *App) openChat() error {
	var phrase func(ctx context.Context, userID string) (string, error)
	if a.exchange != nil {
		phrase = func(ctx context.Context, userID string) (string, error) {
			u, err := a.exchange.User(ctx, userID)
			if err != nil {
				return "", err
			}
			return guard.CleanAntiPhishingPhrase(u.AntiPhishingPhrase), nil
		}
	}
	var err error
	a.chat, err = chat.New(chat.Config{
		DB: a.db, Conversations: a.tickets.Store, Identities: a.identity, Live: a.bus, Log: a.log,
		Agent: func(ctx context.Context, id int64) (chat.AgentInfo, error) {
			ag, err := a.auth.Agent(ctx, id)
			return chat.AgentInfo{Name: ag.Name, VerificationCode: ag.VerificationCode}, err
		},
		Phrase: phrase, Alert: a.riskAlert, PublicURL: a.cfg.PublicURL, Origins: a.cfg.WidgetOrigins,
		SocketsPerIP: a.cfg.WidgetSocketsPerIP, TokenLife: a.cfg.WidgetTokenLife, ClientIP: requestIP, Files: a.files.Store, Surveys: a.chatSurveys,
	}, chat.WithQueueInfos(a.queueInfos))
	if err == nil {
		a.chat.Use(a.widgetCallbacks())
	}
	if err == nil && !a.cfg.ScreenShareOff {
		a.chat.Use(chat.WithScreenShare(chat.ScreenConfig{ICEServers: iceServers(a.cfg), Recording: a.cfg.ScreenRecording, Audit: a.audit}))
	}
	return err
}

// iceServers are the configured STUN and TURN servers as browsers take
// them: TURN ones with the TURN credentials.
func iceServers(cfg Config) []chat.ICEServer {
	out := []chat.ICEServer{}
	for _, u := range cfg.ScreenICEServers {
		s := chat.ICEServer{URLs: []string{u}}
		if strings.HasPrefix(u, "turn") {
			s.Username, s.Credential = cfg.ScreenTURNUsername, cfg.ScreenTURNCredential
		}
		out = append(out, s)
	}
	return out
}

// queueInfos is what waiting chat customers are told: their places and
// waits from routing (one read of each queue's order for all of them), the
// promised reply time from the SLA. It runs after openRouting and the SLA
// service are built.
func (a *App) queueInfos(ctx context.Context, ids []int64) (map[int64]chat.QueueInfo, error) {
	places, err := a.routing.QueueInfos(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := map[int64]chat.QueueInfo{}
	for _, id := range ids {
		promised, err := a.sla.Service.PromisedBy(ctx, id)
		if err != nil {
			return nil, err
		}
		p, waiting := places[id]
		if !waiting && promised == nil {
			continue
		}
		out[id] = chat.QueueInfo{Position: p.Position, Wait: p.Wait, PromisedBy: promised}
	}
	return out, nil
}
