// healthcheck is the HEALTHCHECK of the JVM images, whose distroless base has no shell and no
// curl: `healthcheck PATH` asks http://127.0.0.1:$PORT/PATH (PORT defaults to 8080) and exits 0
// when the answer's status is 200, 1 otherwise (and says why on stderr). It uses the net package
// only, not net/http, to stay small (docs/container-images.md).
package main

import (
	"bufio"
	"errors"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) != 2 || !strings.HasPrefix(os.Args[1], "/") {
		os.Stderr.WriteString("usage: healthcheck /path   (asks http://127.0.0.1:$PORT/path, PORT defaults to 8080)\n")
		os.Exit(2)
	}
	if err := check(address(os.Getenv("PORT")), os.Args[1], 4*time.Second); err != nil {
		os.Stderr.WriteString("healthcheck: " + err.Error() + "\n")
		os.Exit(1)
	}
}

func address(port string) string {
	if _, err := strconv.Atoi(port); err != nil {
		port = "8080"
	}
	return net.JoinHostPort("127.0.0.1", port)
}

// check sends GET path over HTTP/1.0 to addr and fails unless the status line says 200.
func check(addr, path string, timeout time.Duration) error {
	conn, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(timeout))
	if _, err := conn.Write([]byte("GET " + path + " HTTP/1.0\r\nHost: localhost\r\nUser-Agent: healthcheck\r\n\r\n")); err != nil {
		return err
	}
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return errors.New("GET " + path + " on " + addr + ": no status line: " + err.Error())
	}
	if fields := strings.Fields(status); len(fields) < 2 || fields[1] != "200" {
		return errors.New("GET " + path + " on " + addr + " answered " + strings.TrimSpace(status))
	}
	return nil
}
