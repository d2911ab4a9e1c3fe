// scripts/kube/build.sh puts this file in place of go-acme/lego's
// providers/dns/zz_gen_dns_providers.go, in a copy of lego's module that the local cluster's Traefik
// is built with (a replace directive of its build module; nothing else uses it). The original imports ~150 DNS providers and their cloud SDKs, half of Traefik's compile
// time; the local cluster never asks for an ACME DNS challenge. Its function is the one Traefik
// calls, and it says why it cannot help.

package dns

import (
	"fmt"

	"github.com/go-acme/lego/v4/challenge"
)

// NewDNSChallengeProviderByName refuses every provider: this Traefik is built without them.
func NewDNSChallengeProviderByName(name string) (challenge.Provider, error) {
	return nil, fmt.Errorf("ACME DNS provider %q: this Traefik is the todo-operator local cluster's, built without lego's DNS providers (scripts/kube/build.sh)", name)
}
