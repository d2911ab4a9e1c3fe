package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/q/health/ready":
			_, _ = w.Write([]byte(`{"status":"UP"}`))
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer s.Close()
	addr := strings.TrimPrefix(s.URL, "http://")
	if err := check(addr, "/q/health/ready", time.Second); err != nil {
		t.Errorf("a 200: %v", err)
	}
	if err := check(addr, "/q/health/live", time.Second); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("a 503 must fail, naming the status: %v", err)
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := l.Addr().String()
	l.Close()
	if err := check(dead, "/", time.Second); err == nil {
		t.Error("nothing listening must fail")
	}
}

func TestAddress(t *testing.T) {
	for port, want := range map[string]string{"": "127.0.0.1:8080", "9090": "127.0.0.1:9090", "x": "127.0.0.1:8080"} {
		if got := address(port); got != want {
			t.Errorf("PORT=%q: %s, want %s", port, got, want)
		}
	}
}
