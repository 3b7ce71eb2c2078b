package server

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/groundcrew/groundcrew/internal/academy"
	"github.com/groundcrew/groundcrew/internal/academy/feedback"
	"github.com/groundcrew/groundcrew/internal/academy/quality"
	"github.com/groundcrew/groundcrew/internal/account"
	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/automation"
	"github.com/groundcrew/groundcrew/internal/bot"
	"github.com/groundcrew/groundcrew/internal/bot/nlu"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/chat/widget"
	"github.com/groundcrew/groundcrew/internal/email"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/form"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/phone"
	"github.com/groundcrew/groundcrew/internal/published"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/recovery"
	"github.com/groundcrew/groundcrew/internal/risk"
	"github.com/groundcrew/groundcrew/internal/risk/fraud"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/search"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/status"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/telegram"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/webhook"
	"github.com/groundcrew/groundcrew/internal/workforce"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// App is a running Groundcrew node.
type App struct {
	cfg       Config
	log       *slog.Logger
	db        *store.DB
	bus       *bus.Bus
	relay     *bus.Relay
	audit     *audit.Log
	auth      *auth.Service
	tickets   *ticket.HTTP
	files     *attach.HTTP         // attachments
	forms     *form.HTTP           // the ticket form's fields
	macros    *workspace.MacroHTTP // macros and agents' notification settings
	live      *workspace.LiveHTTP  // live ticket pages: messages, presence, typing, notifications
	pages     *pages               // the customer-facing pages
	workspace *workspace.Workspace // the agent pages
	assets    *web.Assets          // static files of both
	search    *search.Index        // the blind index of e-mails, TxIDs and addresses in tickets
	keys      *seal.Keyring        // seals message bodies at rest
	reseal    *ticket.Resealer     // re-seals them after a key rotation
	sla       *sla.HTTP            // SLA policies, calendars and the tickets' due times

	screen        ticketguard.Screen
	published     *published.Screen // the guard on admins' text for customers
	identity      auth.IdentitySigner
	registry      *chain.Registry
	exchange      exchange.Exchange
	diagnose      *diagnose.HTTP
	demoCustomers []DemoCustomer
	sandbox       *sandbox.Exchange // nil with a real exchange

	levels  *auth.Verifications // customers' verification levels and step-ups
	account *account.HTTP       // a ticket customer's exchange account

	official *guard.Official // official channels and "is this really you?"
	widget   *widget.Widget  // the chat widget's loader, frame and demo page
	kbSearch *kb.Search      // this node's knowledge-base index
	kbHTTP   *kb.HTTP        // the knowledge base's API
	help     *kb.Help        // the public help center
	nlu      *nlu.Service    // the bot's understanding: language, intent, entities
	nluHTTP  *nlu.HTTP       // its API: analyse, intents and training phrases
	bot      *bot.Bot        // the support bot in the chat: answers, flows, hand-offs
	chat     *chat.Service   // the chat widget's socket
	limits   *limits         // per-IP, per-customer and per-agent rate limits

	routing     *routing.Service // queues, skills, assignment, escalation
	routingHTTP *routing.HTTP
	workforce   *workforce.HTTP  // supervisor view, shifts, workload, breathing room
	automation  *automation.HTTP // automation rules
	recovery    *recovery.HTTP   // deposit-recovery appeals

	telegram          *telegram.Bot      // the official Telegram bot; nil without a token
	telegramLinks     *telegram.Links    // deep links that link a chat to an exchange user
	telegramLinkLimit *ratelimit.Limiter // deep-link requests per client IP
	phone             *phone.HTTP        // call events, call logs, callbacks
	callbackLimit     *ratelimit.Limiter // callback requests per client IP
	callbackPage      *phone.Page        // the customers' callback form
	status            *status.Service    // the status page and incident mode
	statusPages       *status.Pages      // /status, its JSON, feed and subscriptions
	statusHTTP        *status.HTTP       // the operators' incident API
	risk              *risk.Service      // risk events in, proactive outreach out

	email    *email.Service     // the e-mail channel
	smtpLn   net.Listener       // its inbound SMTP listener; nil when off
	demoMail *email.DemoMailbox // the demo's relay and mailbox page; nil outside the demo

	dash           *metrics.HTTP  // service metrics, surveys, dashboards
	qa             *quality.HTTP  // QA scorecards, samples, disputes, calibration
	feedback       *feedback.HTTP // product feedback and the voice-of-the-customer report
	fraud          *fraud.Service // fraud patterns: the entity index, clusters, the flagged list
	fraudHTTP      *fraud.HTTP
	fraudPages     *fraud.Pages
	academy        *academy.HTTP // courses, quizzes, certifications and their gate
	webhooks       *webhook.Service
	webhookHTTP    *webhook.HTTP  // the admin API of outgoing webhooks
	webhookPages   *webhook.Pages // and its pages
	metrics        *httpMetrics
	metricsHandler http.Handler
	handler        http.Handler

	// Bootstrap is what start-up created for the first admin, to print once.
	Bootstrap Bootstrap

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Open opens the database (migrating it), starts the bus, the outbox relay
// and the recorder, and creates the first admin on an empty database.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, log: log}
	var err error
	if a.db, err = store.Open(ctx, cfg.Database, cfg.DataDir); err != nil {
		return nil, err
	}
	if _, err := a.db.Migrate(ctx); err != nil {
		a.db.Close()
		return nil, err
	}
	if a.bus, err = bus.StartWith(ctx, bus.Options{URL: cfg.NATS, DataDir: cfg.DataDir, Listen: cfg.NATSListen, Log: log}); err != nil {
		a.db.Close()
		return nil, err
	}
	a.audit = audit.New(a.db)
	a.screen = newGuardScreen(cfg)
	a.published = newPublishedScreen(cfg, a.audit)
	if a.keys, err = a.openKeyring(); err != nil {
		a.Close()
		return nil, err
	}
	a.auth = auth.NewService(a.db, a.audit, a.keys)
	a.reseal = &ticket.Resealer{DB: a.db, Keys: a.keys, Log: log, Batch: cfg.ResealBatch, Pause: cfg.ResealPause}
	tickets, err := ticket.NewStore(a.db, a.audit, a.screen, a.keys)
	if err != nil {
		a.Close()
		return nil, err
	}
	a.tickets = &ticket.HTTP{Store: tickets, ViewerOf: viewerOf, SignInToken: func(tok string) error {
		_, err := a.identity.VerifySignIn(tok)
		return err
	}}
	files, err := attach.NewStore(a.db, nil, a.keys, a.audit)
	if err != nil {
		a.Close()
		return nil, err
	}
	files.Redact = a.redactText
	a.files = &attach.HTTP{Store: files, Tickets: tickets, ViewerOf: viewerOf}
	a.sla = &sla.HTTP{Service: sla.New(a.db, a.audit, tickets, a.bus, log),
		CanSee: func(r *http.Request, id int64) error {
			_, err := tickets.Visible(r.Context(), viewerOf(r), id)
			return err
		}}
	macros := workspace.NewMacroStore(a.db, a.audit, tickets)
	macros.Screen = a.published
	a.macros = &workspace.MacroHTTP{Macros: macros, Notify: workspace.NewNotifyStore(a.db), ViewerOf: viewerOf}
	a.tickets.MacroLanguage = func(ctx context.Context, id int64) (string, error) {
		m, err := a.macros.Macros.Get(ctx, id)
		return m.Language, err
	}
	a.live = &workspace.LiveHTTP{Live: workspace.NewLive(a.bus, log, nil), Tickets: tickets, Notify: a.macros.Notify, Log: log, AgentOf: liveAgentOf,
		SignedIn: func(r *http.Request) bool { _, err := a.auth.Authenticate(r); return err == nil },
		ReplyTyping: func(ticketID, agentID int64, name string) error {
			return a.chat.AgentTyping(ticketID, agentID, name, true)
		},
		Screen: func(w http.ResponseWriter, r *http.Request, ticketID, agentID int64) {
			a.chat.HandleAgentScreen(w, r, ticketID, agentID, func() bool { _, err := a.auth.Authenticate(r); return err == nil })
		},
		ScreenOn: func() bool { return !a.cfg.ScreenShareOff },
		AgentName: func(ctx context.Context, id int64) (string, error) {
			ag, err := a.auth.Agent(ctx, id)
			return ag.Name, err
		},
		Files: files}
	if err := a.openCrypto(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.openRecovery(ctx); err != nil {
		a.Close()
		return nil, err
	}
	forms := form.NewStore(a.db, a.audit, a.registry, ticket.ProductAreas)
	forms.Screen = a.published
	a.forms = &form.HTTP{Store: forms}
	if err := a.forms.Store.AddBuiltins(ctx); err != nil {
		a.Close()
		return nil, err
	}
	tickets.WithFields(a.forms.Store)
	a.search = search.New(a.keys.Derive(search.Purpose), a.registry)
	tickets.WithEntities(a.search)
	a.audit.UseChainRefs(a.search)
	a.openAccount()
	a.openOfficial()
	a.openRouting()
	a.openWorkforce()
	a.openAutomation()
	a.openKB()
	a.openPhone()
	if err := a.openTelegram(); err != nil {
		a.Close()
		return nil, err
	}
	a.openNLU()
	if err := a.openEmail(); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.openChat(); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.openBot(); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.openWidget(ctx); err != nil {
		a.Close()
		return nil, err
	}
	a.openStatus()
	a.openRisk()
	if err = a.openPages(); err != nil {
		a.Close()
		return nil, err
	}
	if err = a.openMetrics(); err != nil {
		a.Close()
		return nil, err
	}
	if err = a.openQuality(); err != nil {
		a.Close()
		return nil, err
	}
	if err = a.openFraud(); err != nil {
		a.Close()
		return nil, err
	}
	if err = a.openAcademy(); err != nil {
		a.Close()
		return nil, err
	}
	if err = a.openWebhooks(); err != nil {
		a.Close()
		return nil, err
	}
	a.sealStoredSecrets(ctx)
	if a.Bootstrap, err = a.bootstrap(ctx); err != nil {
		a.Close()
		return nil, err
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(a.db.WritePool(), "write"))
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "groundcrew_outbox_backlog", Help: "Committed events not yet on the bus."},
		func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			n, _ := bus.Backlog(ctx, a.db)
			return float64(n)
		}))
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "groundcrew_chat_sockets", Help: "Chat widget sockets open on this node."},
		func() float64 { return float64(a.chat.Sockets()) }))
	reg.MustRegister(metrics.NewGauges(a.dash.Service, a.bus.Pending))
	a.metrics = newMetrics(reg)
	a.metricsHandler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	a.handler = a.routes()

	bg, cancel := context.WithCancel(context.Background())
	a.cancel = cancel
	a.relay = &bus.Relay{DB: a.db, Publisher: a.bus, Waker: a.bus, Log: log, Retention: bus.Retention{EventLog: cfg.EventLogRetention},
		Resend: a.bus.ResendWindow()}
	if err := a.live.Live.Start(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := bus.Record(bg, a.bus, a.db); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.chat.Start(bg); err != nil {
		a.Close()
		return nil, err
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		_ = a.relay.Run(bg)
	}()
	if err := a.workspace.StartLive(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startKB(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startNLU(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startBot(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.sla.Service.Start(bg, a.bus); err != nil {
		a.Close()
		return nil, err
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		a.sla.Service.Run(bg)
	}()
	if err := a.startRouting(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startWorkforce(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startAutomation(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startTelegram(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startStatus(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startRisk(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startMetrics(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startQuality(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startFraud(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startEmail(bg); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.startWebhooks(bg); err != nil {
		a.Close()
		return nil, err
	}
	a.startRecovery(bg)
	a.startReseal(bg)
	a.startPrune(bg)
	return a, nil
}

// viewerOf turns the request's principal into what tickets need to know.
func viewerOf(r *http.Request) ticket.Viewer { return viewerIn(r.Context()) }

// viewerIn is viewerOf for code that has only the request's context.
func viewerIn(ctx context.Context) ticket.Viewer {
	p, _ := auth.PrincipalFrom(ctx)
	return ticket.Viewer{
		AgentID:    p.Agent.ID,
		AllTeams:   p.Can(auth.PermTicketReadAll),
		Teams:      p.Agent.Teams,
		Notes:      p.Can(auth.PermNoteWrite),
		CanAssign:  p.Can(auth.PermTicketAssign),
		AsCustomer: p.Can(auth.PermMessageWriteAsCustomer),
	}
}

// liveAgentOf is the request's agent as the live workspace knows them.
func liveAgentOf(r *http.Request) workspace.LiveAgent {
	p, _ := auth.PrincipalFrom(r.Context())
	return workspace.LiveAgent{ID: p.Agent.ID, Name: p.Agent.Name, Viewer: viewerOf(r)}
}

// Handler is the HTTP handler of the whole application.
func (a *App) Handler() http.Handler { return a.handler }

// Chat is the live-chat service of this node.
func (a *App) Chat() *chat.Service { return a.chat }

// DB is the application's database.
func (a *App) DB() *store.DB { return a.db }

// Run serves HTTP on ln until ctx ends, then shuts down gracefully: it stops
// taking requests, lets in-flight ones finish, and drains the outbox.
func (a *App) Run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	mln, err := a.listenMetrics()
	if err != nil {
		return err
	}
	if mln != nil {
		mctx, stopMetrics := context.WithCancel(ctx)
		defer stopMetrics()
		go a.serveMetrics(mctx, mln)
	}
	srv.RegisterOnShutdown(a.workspace.CloseLive)
	srv.RegisterOnShutdown(a.live.Live.Close)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.log.Info("shutting down: draining requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		a.log.Warn("shutdown: requests still running", "err", err)
	}
	a.log.Info("shutting down: draining outbox")
	if err := a.relay.Drain(shutdownCtx); err != nil {
		a.log.Warn("shutdown: outbox not drained; the next start publishes the rest", "err", err)
	}
	return nil
}

// Close stops background work and closes the bus and the database.
func (a *App) Close() error {
	if a.cancel != nil {
		a.cancel()
	}
	a.wg.Wait()
	if a.smtpLn != nil {
		_ = a.smtpLn.Close() // Open failed after listening, or already closed by the server
	}
	if a.demoMail != nil {
		_ = a.demoMail.Close()
	}
	if a.bus != nil {
		// Consumers (routing, SLA, automation) may have committed events
		// after Run drained the outbox; publish those before the bus goes.
		a.bus.StopConsumers()
		if a.relay != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			if err := a.relay.Drain(ctx); err != nil {
				a.log.Warn("close: outbox not drained; the next start publishes the rest", "err", err)
			}
			cancel()
		}
		a.bus.Close()
	}
	if a.kbSearch != nil {
		_ = a.kbSearch.Close() // an in-memory index: nothing to lose
	}
	if a.db != nil {
		return a.db.Close()
	}
	return nil
}

func (a *App) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte("ok\n"))
}

func (a *App) handleReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	checks := map[string]string{"database": "ok", "bus": "ok"}
	status := http.StatusOK
	if err := a.db.Ping(ctx); err != nil {
		checks["database"], status = err.Error(), http.StatusServiceUnavailable
	}
	if err := a.bus.Ready(ctx); err != nil {
		checks["bus"], status = err.Error(), http.StatusServiceUnavailable
	}
	backlog, _ := bus.Backlog(ctx, a.db)
	_ = web.JSON(w, status, map[string]any{"checks": checks, "outbox_backlog": backlog})
}

func errNoRoute(r *http.Request) error {
	return errs.E(errs.NotFound, "no API route %s %s; see /api/v1/openapi.json", r.Method, r.URL.Path)
}
