package dev.todo.backend.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.todo.backend.web.ClientAddress.Cidr;

class ClientAddressTest {

    private static final List<Cidr> INGRESS = Cidr.parseAll(List.of("10.244.0.0/16", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("192.0.2.1", ClientAddress.resolve("192.0.2.1", List.of("203.0.113.5"), List.of()));
    }

    @Test
    void aPeerThatIsNoTrustedProxyCannotNameAnotherClient() {
        assertEquals("192.0.2.1", ClientAddress.resolve("192.0.2.1", List.of("203.0.113.5"), INGRESS));
    }

    @Test
    void behindTheIngressTheClientIsTheAddressTheIngressAppended() {
        assertEquals("203.0.113.5", ClientAddress.resolve("10.244.0.7", List.of("203.0.113.5"), INGRESS));
        // The client sent its own X-Forwarded-For; the ingress appended the real address: the forged part is not believed.
        assertEquals("203.0.113.5", ClientAddress.resolve("10.244.0.7", List.of("1.2.3.4, 203.0.113.5"), INGRESS));
        // Two trusted hops (ingress, then another proxy in the cluster); several headers count as one list.
        assertEquals("203.0.113.5", ClientAddress.resolve("10.244.0.7", List.of("1.2.3.4, 203.0.113.5", "10.244.3.3"), INGRESS));
        assertEquals("2001:db8::1", ClientAddress.resolve("fd00::2", List.of("2001:db8::1"), INGRESS));
    }

    @Test
    void garbageInTheHeaderStopsTheWalkAtTheLastAddressKnownGood() {
        assertEquals("10.244.0.9", ClientAddress.resolve("10.244.0.7", List.of("203.0.113.5, unknown, 10.244.0.9"), INGRESS));
        assertEquals("10.244.0.7", ClientAddress.resolve("10.244.0.7", List.of("not-an-address"), INGRESS));
        assertEquals("10.244.0.7", ClientAddress.resolve("10.244.0.7", List.of(), INGRESS));
    }

    @Test
    void rangesMatchByPrefixAndATypoIsNamed() {
        assertTrue(Cidr.anyContains(Cidr.parseAll(List.of("192.168.0.0/23")), "192.168.1.200"));
        assertTrue(!Cidr.anyContains(Cidr.parseAll(List.of("192.168.0.0/23")), "192.168.2.1"));
        assertTrue(Cidr.anyContains(Cidr.parseAll(List.of("127.0.0.1")), "127.0.0.1"));
        assertTrue(!Cidr.anyContains(Cidr.parseAll(List.of("127.0.0.1")), "example.com"), "names are never resolved");
        var e = assertThrows(IllegalArgumentException.class, () -> Cidr.parseAll(List.of("10.0.0.0/33")));
        assertTrue(e.getMessage().contains("TRUSTED_PROXIES"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parseAll(List.of("ingress.local")));
    }
}
