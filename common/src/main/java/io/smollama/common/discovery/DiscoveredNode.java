package io.smollama.common.discovery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node found on the LAN, read from its {@code _smollama._tcp} record: {@code baseUrl} is
 * {@code http://<address>:<port>} (the API is under {@code baseUrl + apiPath}); {@code firstSeen} and
 * {@code lastSeen} say when this browser first and last heard it answer; {@code mqttPort} is the port of the
 * MQTT broker it runs on its address (TXT {@code mqtt}), null when it runs none.
 */
public record DiscoveredNode(
        String name,
        String role,
        String version,
        URI baseUrl,
        String apiPath,
        String auth,
        List<String> caps,
        List<String> addresses,
        int port,
        @Nullable Integer mqttPort,
        Instant firstSeen,
        Instant lastSeen) {

    public DiscoveredNode {
        caps = List.copyOf(caps);
        addresses = List.copyOf(addresses);
    }

    /** Reads a sighting's TXT record; absent keys take safe defaults (no role → {@code unknown}, no auth → token). */
    static DiscoveredNode from(ServiceSighting s, Instant firstSeen, Instant lastSeen) {
        var txt = s.txt();
        String capsText = txt.getOrDefault(SmollamaService.TXT_CAPS, "");
        List<String> caps = Arrays.stream(capsText.split(","))
                .map(String::strip)
                .filter(c -> !c.isEmpty())
                .toList();
        String api = txt.getOrDefault(SmollamaService.TXT_API, "/api");
        return new DiscoveredNode(
                s.instance(),
                txt.getOrDefault(SmollamaService.TXT_ROLE, "unknown"),
                txt.getOrDefault(SmollamaService.TXT_VERSION, ""),
                s.baseUrl(),
                api.startsWith("/") ? api : "/api",
                SmollamaService.AUTH_NONE.equals(txt.get(SmollamaService.TXT_AUTH))
                        ? SmollamaService.AUTH_NONE
                        : SmollamaService.AUTH_TOKEN,
                caps,
                s.addresses().stream().map(ServiceSighting::literal).toList(),
                s.port(),
                mqttPort(txt.get(SmollamaService.TXT_MQTT)),
                firstSeen,
                lastSeen);
    }

    private static @Nullable Integer mqttPort(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            int p = Integer.parseInt(text.strip());
            return p > 0 && p <= 65535 ? p : null;
        } catch (NumberFormatException e) {
            return null; // a malformed key says nothing usable: as if absent
        }
    }

    /** The host of {@link #baseUrl} without IPv6 brackets, for clients that take a host name or literal. */
    @JsonIgnore
    public String host() {
        String h = baseUrl.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** The same announcement (everything but the times), so a refresh that changes nothing is not an update. */
    boolean sameAnnouncementAs(DiscoveredNode o) {
        return name.equals(o.name)
                && role.equals(o.role)
                && version.equals(o.version)
                && baseUrl.equals(o.baseUrl)
                && apiPath.equals(o.apiPath)
                && auth.equals(o.auth)
                && caps.equals(o.caps)
                && addresses.equals(o.addresses)
                && port == o.port
                && java.util.Objects.equals(mqttPort, o.mqttPort);
    }

    DiscoveredNode seenAt(Instant when) {
        return new DiscoveredNode(
                name, role, version, baseUrl, apiPath, auth, caps, addresses, port, mqttPort, firstSeen, when);
    }

    /** Whether this node says it is a hub ({@code llama} is the reference project's word for one). */
    @JsonIgnore
    public boolean isHub() {
        return role.equalsIgnoreCase("hub") || role.equalsIgnoreCase("llama");
    }
}
