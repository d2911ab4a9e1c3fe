// todo-frontend serves the Todo UI: the static export of the Next.js app (`next build` with
// output "export", the out/ directory), and it forwards same-origin /api/* requests to the
// backend at BACKEND_URL, for clusters where no Ingress routes /api itself
// (docs/runtime-contract.md). It is what the frontend image runs, as PID 1 on a base without a
// shell, so it also answers its own health check: `todo-frontend -healthcheck`.
//
// Environment (read when it starts, so one image works in every cluster):
//
//	PORT         listen port [3000]
//	HOSTNAME     listen address [0.0.0.0]
//	BACKEND_URL  where /api/* goes [http://localhost:8080]; a path prefix is kept
//	STATIC_DIR   the exported UI [/app/public]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	healthcheck := flag.Bool("healthcheck", false, "ask this server's /healthz (on PORT) and exit 0 when it answers 200, else 1")
	flag.Parse()
	cfg, err := configFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "todo-frontend:", err)
		os.Exit(2)
	}
	if *healthcheck {
		if err := probe(cfg.probeURL(), 3*time.Second); err != nil {
			fmt.Fprintln(os.Stderr, "todo-frontend healthcheck:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(cfg); err != nil {
		log.Fatalf("todo-frontend: %v", err)
	}
}

func run(cfg config) error {
	handler, err := newHandler(cfg.staticDir, cfg.backend, log.Default())
	if err != nil {
		return err
	}
	server := &http.Server{
		Addr:              cfg.listenAddr(),
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	listener, err := net.Listen("tcp", server.Addr)
	if err != nil {
		return err
	}
	log.Printf("todo-frontend: serving %s on http://%s, /api/* forwarded to BACKEND_URL", cfg.staticDir, listener.Addr())

	// SIGTERM (Kubernetes, podman stop): finish the requests in flight, then exit.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	done := make(chan error, 1)
	go func() {
		sig := <-stop
		log.Printf("todo-frontend: %s, shutting down", sig)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		done <- server.Shutdown(ctx)
	}()
	if err := server.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return <-done
}

// probe asks url and fails unless it answers 200.
func probe(url string, timeout time.Duration) error {
	client := &http.Client{Timeout: timeout}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", url, resp.Status)
	}
	return nil
}
