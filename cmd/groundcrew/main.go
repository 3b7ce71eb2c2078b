// Command groundcrew is the whole Groundcrew support platform in one binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `Groundcrew: customer support for crypto exchanges and wallets.

Usage:
  groundcrew serve [flags]          run the server (creates the first admin on a new data folder)
  groundcrew serve --demo [flags]   the same, with demo teams, agents and tickets
  groundcrew migrate [flags]        apply database migrations and exit
  groundcrew seed-demo [flags]      add demo data to the database and exit
  groundcrew audit verify [flags]   check the audit log's hash chain; exit 1 if it was tampered with
                                    (--checkpoint=<an earlier run's checkpoint>: and that nothing up to it changed)
  groundcrew version                print the version
  groundcrew help                   show this help

Flags (each also read from the environment variable shown):
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "groundcrew:", err)
		}
		os.Exit(exitCode(err))
	}
}

type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit %d", int(e)) }

func exitCode(err error) int {
	var e exitError
	if errors.As(err, &e) {
		return int(e)
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 1
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var checkpoint string
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "groundcrew", version)
		return nil
	case "help":
		fmt.Fprint(stdout, usage)
		newFlags(stdout).fs.PrintDefaults()
		return nil
	case "audit":
		if len(args) == 0 || args[0] != "verify" {
			return fmt.Errorf("unknown command %q; did you mean \"audit verify\"?", strings.Join(append([]string{"audit"}, args...), " "))
		}
		args = args[1:]
		checkpoint, args = takeCheckpoint(args)
	case "serve", "migrate", "seed-demo":
	default:
		return fmt.Errorf("unknown command %q; run \"groundcrew help\"", cmd)
	}
	f := newFlags(stderr)
	if err := f.parse(args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: f.level}))
	switch cmd {
	case "migrate":
		return migrate(ctx, f.cfg, stdout)
	case "audit":
		return verifyAudit(ctx, f.cfg, checkpoint, stdout)
	case "seed-demo":
		app, err := server.Open(ctx, f.cfg, log)
		if err != nil {
			return err
		}
		defer app.Close()
		if err := app.SeedDemo(ctx); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "demo data added")
		return nil
	}
	applyGCDefaults(runtimeGC(), log)
	if f.debugAddr != "" {
		if err := serveDebug(ctx, f.debugAddr, log); err != nil {
			return err
		}
	}
	return serve(ctx, f.cfg, log, stdout)
}

func serve(ctx context.Context, cfg server.Config, log *slog.Logger, stdout io.Writer) error {
	start := time.Now()
	app, err := server.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer app.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "Groundcrew %s is running at %s (started in %s)\n", version, url, time.Since(start).Round(time.Millisecond))
	b := app.Bootstrap
	switch {
	case b.Created && b.Password != "":
		fmt.Fprintf(stdout, "First admin: %s  password: %s  (shown once; change it after signing in)\n", b.Email, b.Password)
	case b.Created:
		fmt.Fprintf(stdout, "First admin: %s  password: from GROUNDCREW_ADMIN_PASSWORD\n", b.Email)
	default:
		fmt.Fprintf(stdout, "Sign in at %s/login\n", url)
	}
	if b.Created {
		fmt.Fprintf(stdout, "API token:   %s\n", b.Token)
		fmt.Fprintf(stdout, "Try: curl -H 'Authorization: Bearer %s' %s/api/v1/tickets\n", b.Token, url)
		if cfg.Demo {
			fmt.Fprintf(stdout, "Demo agents: tier1@, tier2@, security@, supervisor@, recovery@demo.groundcrew.local  password: %s-2026\n", server.DemoPassword)
		}
	}
	if cfg.Demo {
		fmt.Fprintf(stdout, "Demo exchange: %s/demo/exchange  (the chat widget; sign in as any demo customer there)\n", url)
	}
	if addr := app.SMTPAddr(); addr != "" {
		fmt.Fprintf(stdout, "E-mail: SMTP on %s  (mail to %s becomes a ticket; see docs/email.md)\n", addr, app.SupportAddress())
	}
	if app.DemoMailbox() {
		fmt.Fprintf(stdout, "Demo mailbox: %s/demo/mail  (agents' e-mail replies arrive here)\n", url)
	}
	return app.Run(ctx, ln)
}

func migrate(ctx context.Context, cfg server.Config, stdout io.Writer) error {
	db, err := store.Open(ctx, cfg.Database, cfg.DataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "applied %d migration(s) to %s\n", n, db.Dialect)
	return nil
}

func verifyAudit(ctx context.Context, cfg server.Config, checkpoint string, stdout io.Writer) error {
	var cp audit.Checkpoint
	if checkpoint != "" {
		var err error
		if cp, err = audit.ParseCheckpoint(checkpoint); err != nil {
			return err
		}
	}
	db, err := store.Open(ctx, cfg.Database, cfg.DataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := audit.New(db).VerifySince(ctx, cp)
	if err != nil {
		return err
	}
	if !rep.OK {
		fmt.Fprintf(stdout, "audit log TAMPERED: %s (first bad record: chain %d, entry %d; %d records checked before it)\n", rep.Problem, rep.Chain, rep.FirstBad, rep.Checked)
		return exitError(1)
	}
	fmt.Fprintf(stdout, "audit log intact: %d records verified\ncheckpoint (keep it outside the database; verify against it later with --checkpoint=...): %s\n", rep.Checked, rep.Checkpoint)
	return nil
}

// takeCheckpoint removes "--checkpoint=X" (or "-checkpoint X") from the
// arguments of audit verify, which only that command takes.
func takeCheckpoint(args []string) (string, []string) {
	var cp string
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if !strings.HasPrefix(args[i], "-") || name != "checkpoint" {
			rest = append(rest, args[i])
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		cp = value
	}
	return cp, rest
}
