package dev.todo.backend.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;

/**
 * The address of the client a request came from, for per-address limits. The TCP peer, unless the
 * peer is one of TRUSTED_PROXIES (addresses or CIDR ranges, e.g. the ingress controller's pod
 * network): then X-Forwarded-For is read from the right, past the trusted proxies, and the first
 * address no trusted proxy could have added is the client. The leftmost entry is never believed
 * on its own: a client can send any X-Forwarded-For, and a proxy appends to it. With no trusted
 * proxies (the default) the header is ignored.
 */
@Startup // a TRUSTED_PROXIES typo stops the start, not the first sign-in
@ApplicationScoped
public class ClientAddress {

    @Inject
    HttpServerRequest request; // the current request's
    @ConfigProperty(name = "todo.http.trusted-proxies")
    Optional<List<String>> trustedProxies;
    private List<Cidr> trusted;

    @PostConstruct
    void init() {
        trusted = Cidr.parseAll(trustedProxies.orElse(List.of()));
    }

    /** The current request's client address. */
    public String get() {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return resolve(peer, request.headers().getAll("X-Forwarded-For"), trusted);
    }

    /** The client's address, given the peer, every X-Forwarded-For header in order, and the trusted proxies. */
    static String resolve(String peer, List<String> forwardedFor, List<Cidr> trusted) {
        if (!Cidr.anyContains(trusted, peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (Cidr.literal(hop) == null) {
                break; // not an address (a name, "unknown", garbage): nothing left of it can be believed
            }
            client = hop;
            if (!Cidr.anyContains(trusted, hop)) {
                break;
            }
        }
        return client;
    }

    /** An address range: {@code 10.0.0.0/8}, {@code fd00::/8}, or one address. */
    public record Cidr(byte[] network, int bits) {

        static List<Cidr> parseAll(List<String> values) {
            List<Cidr> out = new ArrayList<>();
            for (String v : values) {
                if (!v.isBlank()) {
                    out.add(parse(v.strip()));
                }
            }
            return out;
        }

        static Cidr parse(String value) {
            int slash = value.indexOf('/');
            byte[] address = literal(slash < 0 ? value : value.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("TRUSTED_PROXIES: '" + value + "' is not an address or a CIDR range like 10.0.0.0/8");
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(value.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("TRUSTED_PROXIES: '" + value + "' has a prefix length out of range");
                }
            }
            return new Cidr(address, bits);
        }

        /** The bytes of an IP literal (IPv4-mapped IPv6 as IPv4), or null when it is not one; never a DNS lookup. */
        static byte[] literal(String value) {
            String v = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
            boolean ipv4 = v.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean ipv6 = !ipv4 && v.contains(":") && v.matches("[0-9A-Fa-f:.]+");
            if (!ipv4 && !ipv6) {
                return null;
            }
            try {
                return InetAddress.getByName(v).getAddress(); // a literal: parsed, not resolved
            } catch (UnknownHostException e) {
                return null;
            }
        }

        static boolean anyContains(List<Cidr> ranges, String address) {
            byte[] a = literal(address);
            return a != null && ranges.stream().anyMatch(r -> r.contains(a));
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
