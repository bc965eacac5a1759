package io.ccos.platform.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one check of a URL a tenant gives a ccos service to connect to. Refused: schemes outside
 * {@code ccos.outbound.allowed-schemes}, credentials in the URL (they would be shown to everyone who may
 * read the registration; send them as a secret header), and targets on the hosts around the service
 * (loopback, link-local with the cloud metadata endpoint, private and unique-local networks, "localhost"
 * names) unless a platform operator opened them ({@code ccos.outbound.allowed-private-targets}).
 *
 * <p>Host names are judged by name here, without a DNS lookup on the request's thread; whatever connects
 * must check the address it resolved as well (DNS can point a public name at a private address).
 */
@ApplicationScoped
public class OutboundUrlPolicy {

    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback",
            "metadata", "metadata.google.internal", "instance-data");

    private final List<String> schemes;
    private final List<Network> openNetworks;
    private final Set<String> openNames;
    private final List<String> openSuffixes;

    public OutboundUrlPolicy(OutboundConfig config) {
        this.schemes = config.allowedSchemes().stream().map(scheme -> scheme.toLowerCase(Locale.ROOT)).toList();
        List<String> open = config.allowedPrivateTargets().orElse(List.of());
        this.openNetworks = open.stream().filter(target -> target.contains("/")).map(Network::parse).toList();
        List<String> names = open.stream().filter(target -> !target.contains("/")).map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        this.openNames = Set.copyOf(names.stream().filter(name -> !name.startsWith("*.")).toList());
        this.openSuffixes = names.stream().filter(name -> name.startsWith("*.")).map(name -> name.substring(1)).toList();
    }

    /** Why a service may not connect to {@code url}, or null when it may. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return "must use " + String.join(" or ", schemes);
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials (user:password@); give them as a secret header instead";
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "names no host";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String name = host;
        if (openNames.contains(host) || openSuffixes.stream().anyMatch(name::endsWith)) {
            return null;
        }
        InetAddress literal = literal(host);
        if (literal != null) {
            return isInternal(literal) && openNetworks.stream().noneMatch(network -> network.contains(literal))
                    ? "points at an internal address (" + host + "); a platform operator can open it with ccos.outbound.allowed-private-targets"
                    : null;
        }
        if (LOCAL_NAMES.contains(host) || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) {
            return "points at a local or metadata host name (" + host + "); a platform operator can open it with ccos.outbound.allowed-private-targets";
        }
        return null;
    }

    /**
     * Why a service may not connect to {@code host} at {@code address}, an address its name resolved to, or
     * null when it may: a public name can point at an internal address.
     */
    public String refusalOfResolved(String host, InetAddress address) {
        String name = host.toLowerCase(Locale.ROOT);
        if (openNames.contains(name) || openSuffixes.stream().anyMatch(name::endsWith)) {
            return null;
        }
        return isInternal(address) && openNetworks.stream().noneMatch(network -> network.contains(address))
                ? host + " resolves to an internal address (" + address.getHostAddress()
                        + "); a platform operator can open it with ccos.outbound.allowed-private-targets"
                : null;
    }

    /**
     * Why a service may not connect to {@code url} now: the URL's own check, then every address its host
     * resolves to. Blocks on DNS: call it off the event loop, just before connecting.
     */
    public String refusalNow(URI url) {
        String refusal = refusal(url.toString());
        if (refusal != null) {
            return url.getHost() + " " + refusal;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                String resolved = refusalOfResolved(url.getHost(), address);
                if (resolved != null) {
                    return resolved;
                }
            }
        } catch (UnknownHostException e) {
            return url.getHost() + " does not resolve";
        }
        return null;
    }

    /** The address a host written as an IP literal stands for, or null for a host name (no DNS lookup). */
    private static InetAddress literal(String host) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        try {
            return bytes == null ? null : InetAddress.getByAddress(bytes); // from bytes: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // "this network", carrier-grade NAT
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7 (the AWS metadata endpoint fd00:ec2::254 among them)
    }

    /** A CIDR block. */
    record Network(byte[] base, int prefix) {

        static Network parse(String cidr) {
            String[] parts = cidr.strip().split("/");
            byte[] base = NetUtil.createByteArrayFromIpAddressString(parts[0]);
            if (base == null) {
                throw new IllegalArgumentException("ccos.outbound.allowed-private-targets: " + cidr + " is not a CIDR block");
            }
            return new Network(base, Integer.parseInt(parts[1]));
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
