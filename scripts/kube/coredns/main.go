// CoreDNS with only the plugins the local cluster's Corefile uses (scripts/kube/local-cluster.sh),
// built the way CoreDNS documents for a custom build without editing plugin.cfg: a main package of
// our own that imports the plugins it wants and sets dnsserver.Directives, in the order of CoreDNS's
// own core/dnsserver/zdirectives.go. scripts/kube/build.sh builds it as "coredns". The full
// CoreDNS imports every plugin, with the SDKs of Route 53, Azure DNS, Cloud DNS, etcd and Nomad,
// which this cluster never calls.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/forward"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/loop"
	_ "github.com/coredns/coredns/plugin/ready"
)

func init() {
	dnsserver.Directives = []string{"bind", "ready", "health", "errors", "log", "cache", "kubernetes", "loop", "forward"}
}

func main() {
	coremain.Run()
}
