package main

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

type config struct {
	host, port string
	backend    *url.URL
	staticDir  string
}

// configFromEnv reads the server's settings; bad values are errors that name the variable.
func configFromEnv(getenv func(string) string) (config, error) {
	or := func(name, fallback string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return fallback
	}
	cfg := config{host: or("HOSTNAME", "0.0.0.0"), port: or("PORT", "3000"), staticDir: or("STATIC_DIR", "/app/public")}
	if p, err := strconv.Atoi(cfg.port); err != nil || p < 1 || p > 65535 {
		return config{}, fmt.Errorf("PORT=%q is not a port number (1-65535)", cfg.port)
	}
	backend, err := parseBackendURL(or("BACKEND_URL", "http://localhost:8080"))
	if err != nil {
		return config{}, err
	}
	cfg.backend = backend
	return cfg, nil
}

// parseBackendURL accepts http(s)://host[:port][/prefix]; a trailing slash is dropped.
func parseBackendURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("BACKEND_URL=%q is not an http:// or https:// URL with a host (for example http://todo-backend:8080)", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

func (c config) listenAddr() string { return net.JoinHostPort(c.host, c.port) }

// probeURL is /healthz on this server: on loopback when it listens on every address.
func (c config) probeURL() string {
	host := c.host
	if host == "0.0.0.0" || host == "::" || host == "[::]" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(strings.Trim(host, "[]"), c.port) + "/healthz"
}
