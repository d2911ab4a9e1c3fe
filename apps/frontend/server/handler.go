package main

import (
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// securityHeaders go on the UI's own answers (pages, assets, /healthz), never on /api answers,
// which are the backend's own.
var securityHeaders = map[string]string{
	"X-Content-Type-Options": "nosniff",
	"X-Frame-Options":        "DENY",
	"Referrer-Policy":        "same-origin",
	"Permissions-Policy":     "camera=(), microphone=(), geolocation=()",
}

// precompressed are the types whose files the image build gzips beside them (name.gz).
var precompressed = map[string]bool{".html": true, ".js": true, ".css": true, ".txt": true, ".json": true, ".svg": true, ".map": true}

func init() {
	// A static export's .txt files are React Server Component payloads: Next's client router
	// takes text/plain as one in an exported app. Set here so no /etc/mime.types is needed.
	_ = mime.AddExtensionType(".txt", "text/plain; charset=utf-8")
}

// newHandler serves staticDir and forwards /api and /api/* to backend.
func newHandler(staticDir string, backend *url.URL, logger *log.Logger) (http.Handler, error) {
	root, err := filepath.Abs(staticDir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(filepath.Join(root, "index.html")); err != nil || st.IsDir() {
		return nil, fmt.Errorf("STATIC_DIR=%s holds no index.html: is it the out/ directory of `next build`?", staticDir)
	}
	api := newBackendProxy(backend, logger)
	files := &staticFiles{root: root}
	mux := http.NewServeMux()
	mux.Handle("/api/", api)
	mux.Handle("/api", api)
	mux.Handle("/healthz", withSecurityHeaders(http.HandlerFunc(healthz)))
	mux.Handle("/", withSecurityHeaders(files))
	return mux, nil
}

func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range securityHeaders {
			w.Header().Set(k, v)
		}
		next.ServeHTTP(w, r)
	})
}

// healthz is the liveness and readiness of this server alone: it does not call the backend, so
// a backend outage never restarts the frontend.
func healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write([]byte(`{"status":"UP"}`))
}

// newBackendProxy forwards the request, path and query unchanged, below backend's path. The
// answer is the backend's own: nothing in it names BACKEND_URL (a redirect to the backend's own
// address is made relative).
func newBackendProxy(backend *url.URL, logger *log.Logger) http.Handler {
	origin := backend.Scheme + "://" + backend.Host
	return &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(backend)
			// Keep what an Ingress in front of us said about the original request.
			if prior := r.In.Header.Values("X-Forwarded-For"); len(prior) > 0 {
				r.Out.Header["X-Forwarded-For"] = prior
			}
			r.SetXForwarded()
			for _, h := range []string{"X-Forwarded-Host", "X-Forwarded-Proto"} {
				if v := r.In.Header.Get(h); v != "" {
					r.Out.Header.Set(h, v)
				}
			}
		},
		ModifyResponse: func(resp *http.Response) error {
			if loc := resp.Header.Get("Location"); strings.HasPrefix(loc, origin+"/") || loc == origin {
				rel := strings.TrimPrefix(loc, origin)
				if rel == "" {
					rel = "/"
				}
				resp.Header.Set("Location", rel)
			}
			return nil
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			// Logged here with the reason; the browser gets a bare 502, which the UI reports as
			// "The server had a problem".
			logger.Printf("todo-frontend: %s %s: backend unreachable: %v", r.Method, r.URL.Path, err)
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusBadGateway)
		},
	}
}

type staticFiles struct{ root string }

func (s *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	clean := path.Clean("/" + r.URL.Path)
	if file, ok := s.resolve(clean); ok {
		cache := "no-cache"
		if strings.HasPrefix(clean, "/_next/static/") {
			cache = "public, max-age=31536000, immutable" // content-hashed names
		}
		s.serve(w, r, file, http.StatusOK, cache)
		return
	}
	if notFound, ok := s.resolve("/404"); ok {
		s.serve(w, r, notFound, http.StatusNotFound, "no-cache")
		return
	}
	http.NotFound(w, r)
}

// resolve maps a clean URL path to a regular file: the path itself, path.html, path/index.html.
func (s *staticFiles) resolve(clean string) (string, bool) {
	candidates := []string{clean, clean + ".html", path.Join(clean, "index.html")}
	if clean == "/" {
		candidates = []string{"/index.html"}
	}
	for _, c := range candidates {
		file := filepath.Join(s.root, filepath.FromSlash(c))
		if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() {
			return file, true
		}
	}
	return "", false
}

// serve sends file with status; name.gz instead when the client takes gzip and the build made one.
func (s *staticFiles) serve(w http.ResponseWriter, r *http.Request, file string, status int, cache string) {
	ext := filepath.Ext(file)
	send := file
	if precompressed[ext] {
		w.Header().Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			if st, err := os.Stat(file + ".gz"); err == nil && st.Mode().IsRegular() {
				send = file + ".gz"
				w.Header().Set("Content-Encoding", "gzip")
			}
		}
	}
	f, err := os.Open(send)
	if err != nil {
		http.Error(w, "cannot read "+path.Base(file), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, "cannot read "+path.Base(file), http.StatusInternalServerError)
		return
	}
	if ctype := mime.TypeByExtension(ext); ctype != "" {
		w.Header().Set("Content-Type", ctype)
	}
	w.Header().Set("Cache-Control", cache)
	if status == http.StatusOK {
		// ServeContent answers conditional and range requests.
		http.ServeContent(w, r, file, st.ModTime(), f)
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, f)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := "1"
		if v, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			q = v
		}
		return strings.Trim(q, "0.") != "" // "gzip;q=0" refuses it
	}
	return false
}
