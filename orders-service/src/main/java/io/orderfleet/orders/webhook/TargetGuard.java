package io.orderfleet.orders.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Decides which addresses a webhook may reach (SSRF guard). Used at creation to refuse a URL, and
 * again right before every attempt on the freshly resolved addresses, which are then the only ones
 * the sender connects to, so a DNS answer that changes after creation (rebinding) cannot reach
 * inside. Link-local (cloud metadata), unspecified, multicast and reserved addresses are refused
 * always; loopback and private ones unless {@code allowPrivate}.
 */
final class TargetGuard {

    /** How host names become addresses; the JDK resolver in production, a fixed table in tests. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    enum Kind {
        PUBLIC, PRIVATE, FORBIDDEN
    }

    /** A resolved address this guard refuses; an {@link UnknownHostException} so HTTP clients stop there. */
    static final class RefusedTargetException extends UnknownHostException {
        RefusedTargetException(String message) {
            super(message);
        }
    }

    private final boolean allowPrivate;
    private final HostResolver resolver;

    TargetGuard(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    TargetGuard(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    /** All addresses of {@code host}, each checked; refuses the host if any one of them is refused. */
    InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            check(address);
        }
        return Arrays.copyOf(addresses, addresses.length);
    }

    void check(InetAddress address) throws RefusedTargetException {
        Kind kind = classify(address);
        if (kind == Kind.FORBIDDEN) {
            throw new RefusedTargetException(address.getHostAddress()
                    + " is a link-local, unspecified, multicast or reserved address");
        }
        if (kind == Kind.PRIVATE && !allowPrivate) {
            throw new RefusedTargetException(address.getHostAddress() + " is a loopback or private address");
        }
    }

    static Kind classify(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return Kind.FORBIDDEN;
        }
        if (address.isLoopbackAddress()) {
            return Kind.PRIVATE;
        }
        if (address instanceof Inet6Address v6) {
            return classify6(v6.getAddress());
        }
        return classify4(address.getAddress());
    }

    private static Kind classify4(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0 || b0 >= 224) {
            return Kind.FORBIDDEN; // "this network", multicast, reserved, broadcast
        }
        if (b0 == 169 && b1 == 254) {
            return Kind.FORBIDDEN; // link-local: cloud metadata services live here
        }
        if (b0 == 127 || b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
            return Kind.PRIVATE;
        }
        if ((b0 == 100 && (b1 & 0xc0) == 64) || (b0 == 198 && (b1 & 0xfe) == 18)
                || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0)) {
            return Kind.PRIVATE; // carrier-grade NAT, benchmarking, IETF protocol assignments
        }
        return Kind.PUBLIC;
    }

    private static Kind classify6(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xff || (b0 == 0xfe && (b1 & 0xc0) == 0x80)) {
            return Kind.FORBIDDEN; // multicast, link-local fe80::/10
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return Kind.PRIVATE; // deprecated site-local fec0::/10
        }
        if ((b0 & 0xfe) == 0xfc) {
            return Kind.PRIVATE; // unique-local fc00::/7
        }
        byte[] embedded = embeddedIpv4(b);
        if (embedded != null) {
            try {
                return classify(Inet4Address.getByAddress(embedded));
            } catch (UnknownHostException e) {
                return Kind.FORBIDDEN;
            }
        }
        return Kind.PUBLIC;
    }

    /** The IPv4 address inside an IPv4-compatible, IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 address. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeros10 = true;
        for (int i = 0; i < 10; i++) {
            zeros10 &= b[i] == 0;
        }
        boolean compatible = zeros10 && b[10] == 0 && b[11] == 0;
        boolean mapped = zeros10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (compatible || mapped || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 6to4
        }
        return null;
    }
}
