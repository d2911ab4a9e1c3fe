package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exported writes a miniature `next build` export: pages, an RSC payload, a hashed asset, a 404 page.
func exported(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":                   "<title>tasks</title>",
		"login.html":                   "<title>Log in</title>",
		"login.txt":                    "0:rsc-payload",
		"login/__next.login.txt":       "segment",
		"404.html":                     "<title>not here</title>",
		"_next/static/chunks/app-1.js": "console.log(1)",
		"favicon.ico":                  "ico",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// recorder is a fake backend that echoes what it received.
func recorder(t *testing.T, handler http.HandlerFunc) *httptest.Server {
	t.Helper()
	if handler == nil {
		handler = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Backend", "yes")
			_, _ = io.WriteString(w, r.Method+" "+r.URL.RequestURI()+" host="+r.Host+" xff="+r.Header.Get("X-Forwarded-For")+" proto="+r.Header.Get("X-Forwarded-Proto"))
		}
	}
	s := httptest.NewServer(handler)
	t.Cleanup(s.Close)
	return s
}

func frontend(t *testing.T, static, backendURL string) *httptest.Server {
	t.Helper()
	backend, err := parseBackendURL(backendURL)
	if err != nil {
		t.Fatal(err)
	}
	h, err := newHandler(static, backend, log.New(io.Discard, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// No transparent gzip: the tests look at what the server sent.
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestAPIIsForwardedWithPathAndQuery(t *testing.T) {
	be := recorder(t, nil)
	fe := frontend(t, exported(t), be.URL)
	resp, body := get(t, fe.URL+"/api/tasks?q=milk&page=1")
	if resp.StatusCode != 200 || !strings.HasPrefix(body, "GET /api/tasks?q=milk&page=1 host="+strings.TrimPrefix(be.URL, "http://")) {
		t.Fatalf("forwarded as %d %q", resp.StatusCode, body)
	}
	if resp.Header.Get("X-Backend") != "yes" {
		t.Errorf("the backend's own headers are lost: %v", resp.Header)
	}
	for h := range securityHeaders {
		if resp.Header.Get(h) != "" {
			t.Errorf("/api answers are the backend's own, but %s was added", h)
		}
	}
	if _, body := get(t, fe.URL+"/api"); !strings.HasPrefix(body, "GET /api host=") {
		t.Errorf("/api itself: %q", body)
	}
}

func TestBackendURLPrefixAndTrailingSlashAreKept(t *testing.T) {
	be := recorder(t, nil)
	fe := frontend(t, exported(t), be.URL+"/todo/")
	if _, body := get(t, fe.URL+"/api/auth/me"); !strings.HasPrefix(body, "GET /todo/api/auth/me ") {
		t.Fatalf("forwarded as %q", body)
	}
}

func TestForwardedHeadersKeepWhatAnIngressSaid(t *testing.T) {
	be := recorder(t, nil)
	fe := frontend(t, exported(t), be.URL)
	_, body := get(t, fe.URL+"/api/x", "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https")
	if !strings.Contains(body, "xff=203.0.113.9, 127.0.0.1") || !strings.Contains(body, "proto=https") {
		t.Fatalf("forwarded headers: %q", body)
	}
	_, body = get(t, fe.URL+"/api/x")
	if !strings.Contains(body, "xff=127.0.0.1") || !strings.Contains(body, "proto=http") {
		t.Fatalf("forwarded headers without an ingress: %q", body)
	}
}

func TestNoAnswerNamesTheBackend(t *testing.T) {
	var be *httptest.Server
	be = recorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", be.URL+"/api/auth/login?next=1")
		w.WriteHeader(http.StatusFound)
	})
	fe := frontend(t, exported(t), be.URL)
	resp, body := get(t, fe.URL+"/api/auth/sso")
	if loc := resp.Header.Get("Location"); loc != "/api/auth/login?next=1" {
		t.Errorf("a redirect to the backend's address must become relative, got %q", loc)
	}
	host := strings.TrimPrefix(be.URL, "http://")
	for name, values := range resp.Header {
		if strings.Contains(strings.Join(values, " "), host) {
			t.Errorf("header %s names the backend: %v", name, values)
		}
	}
	if strings.Contains(body, host) {
		t.Errorf("body names the backend: %q", body)
	}
}

func TestBackendDownIsA502ThatDoesNotNameIt(t *testing.T) {
	be := httptest.NewServer(http.NotFoundHandler())
	dead := be.URL
	be.Close()
	var logged bytes.Buffer
	backend, _ := parseBackendURL(dead)
	h, err := newHandler(exported(t), backend, log.New(&logged, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	fe := httptest.NewServer(h)
	defer fe.Close()
	resp, body := get(t, fe.URL+"/api/tasks")
	if resp.StatusCode != http.StatusBadGateway || strings.Contains(body, strings.TrimPrefix(dead, "http://")) {
		t.Fatalf("backend down: %d %q", resp.StatusCode, body)
	}
	if !strings.Contains(logged.String(), "backend unreachable") {
		t.Errorf("the reason is not logged: %q", logged.String())
	}
}

func TestPagesCarrySecurityHeaders(t *testing.T) {
	fe := frontend(t, exported(t), "http://127.0.0.1:1")
	for _, p := range []string{"/", "/login", "/healthz", "/nope", "/_next/static/chunks/app-1.js"} {
		resp, _ := get(t, fe.URL+p)
		for h, v := range securityHeaders {
			if got := resp.Header.Get(h); got != v {
				t.Errorf("%s: %s = %q, want %q", p, h, got, v)
			}
		}
	}
}

func TestStaticExportIsServedLikeNext(t *testing.T) {
	fe := frontend(t, exported(t), "http://127.0.0.1:1")
	cases := []struct {
		path, status, body, ctype, cache string
	}{
		{"/", "200", "<title>tasks</title>", "text/html; charset=utf-8", "no-cache"},
		{"/login", "200", "<title>Log in</title>", "text/html; charset=utf-8", "no-cache"},
		{"/login.txt", "200", "0:rsc-payload", "text/plain; charset=utf-8", "no-cache"},
		{"/login/__next.login.txt", "200", "segment", "text/plain; charset=utf-8", "no-cache"},
		{"/_next/static/chunks/app-1.js", "200", "console.log(1)", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/signup", "404", "<title>not here</title>", "text/html; charset=utf-8", "no-cache"},
		{"/etc/passwd", "404", "<title>not here</title>", "text/html; charset=utf-8", "no-cache"},
		{"/_next/static/", "404", "<title>not here</title>", "text/html; charset=utf-8", "no-cache"},
	}
	for _, c := range cases {
		resp, body := get(t, fe.URL+c.path)
		if got := resp.Status[:3]; got != c.status || body != c.body || resp.Header.Get("Content-Type") != c.ctype || resp.Header.Get("Cache-Control") != c.cache {
			t.Errorf("%s: %s %q %q %q; want %s %q %q %q", c.path, got, body, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"), c.status, c.body, c.ctype, c.cache)
		}
	}
	// A path that climbs out of the export is cleaned (a redirect to /etc/passwd, a 404 above).
	if resp, body := get(t, fe.URL+"/_next/static/../../../etc/passwd"); resp.StatusCode/100 == 2 || resp.Header.Get("Location") != "/etc/passwd" {
		t.Errorf("a climbing path: %d %q", resp.StatusCode, body)
	}
	req, _ := http.NewRequest(http.MethodPost, fe.URL+"/login", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /login: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestPrecompressedFilesGoToClientsThatTakeGzip(t *testing.T) {
	dir := exported(t)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte("<title>Log in</title>"))
	_ = zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "login.html.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fe := frontend(t, dir, "http://127.0.0.1:1")
	resp, body := get(t, fe.URL+"/login", "Accept-Encoding", "br, gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || body != gz.String() || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("gzip client: %q %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"))
	}
	if resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("Vary: %q", resp.Header.Get("Vary"))
	}
	for _, ae := range []string{"", "identity", "gzip;q=0"} {
		resp, body = get(t, fe.URL+"/login", "Accept-Encoding", ae)
		if resp.Header.Get("Content-Encoding") != "" || body != "<title>Log in</title>" {
			t.Errorf("Accept-Encoding %q: got %q %q", ae, resp.Header.Get("Content-Encoding"), body)
		}
	}
}

func TestHealthzAndTheProbe(t *testing.T) {
	fe := frontend(t, exported(t), "http://127.0.0.1:1")
	resp, body := get(t, fe.URL+"/healthz")
	if resp.StatusCode != 200 || body != `{"status":"UP"}` || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("/healthz: %d %q", resp.StatusCode, body)
	}
	if err := probe(fe.URL+"/healthz", time.Second); err != nil {
		t.Errorf("probe of a healthy server: %v", err)
	}
	if err := probe(fe.URL+"/nope", time.Second); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("probe of a 404 must fail naming it: %v", err)
	}
}

func TestConfiguration(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	cfg, err := configFromEnv(env())
	if err != nil || cfg.listenAddr() != "0.0.0.0:3000" || cfg.backend.String() != "http://localhost:8080" ||
		cfg.staticDir != "/app/public" || cfg.probeURL() != "http://127.0.0.1:3000/healthz" {
		t.Fatalf("defaults: %+v %v", cfg, err)
	}
	cfg, err = configFromEnv(env("HOSTNAME", "::1", "PORT", "3131", "BACKEND_URL", "https://api.example.org/base/"))
	if err != nil || cfg.listenAddr() != "[::1]:3131" || cfg.backend.String() != "https://api.example.org/base" || cfg.probeURL() != "http://[::1]:3131/healthz" {
		t.Fatalf("set: %+v %v", cfg, err)
	}
	for _, bad := range [][]string{{"PORT", "http"}, {"PORT", "70000"}, {"BACKEND_URL", "todo-backend:8080"}, {"BACKEND_URL", "ftp://x"}, {"BACKEND_URL", "http://x/?a=1"}} {
		if _, err := configFromEnv(env(bad...)); err == nil || !strings.Contains(err.Error(), bad[0]) {
			t.Errorf("%s=%s: want an error naming it, got %v", bad[0], bad[1], err)
		}
	}
	if _, err := newHandler(t.TempDir(), cfg.backend, log.Default()); err == nil || !strings.Contains(err.Error(), "STATIC_DIR") {
		t.Errorf("a directory without index.html: %v", err)
	}
}
