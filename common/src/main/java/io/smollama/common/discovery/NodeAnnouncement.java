package io.smollama.common.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a node says about itself on the LAN: its instance name, HTTP port and the TXT record
 * ({@code role}, {@code version}, {@code api}, {@code auth}, {@code caps}, and {@code mqtt} when {@code mqttPort}
 * is not 0: the port of the MQTT broker the node runs). Holds nothing secret by construction: there is no field a
 * token could go in.
 */
public record NodeAnnouncement(
        String name,
        int port,
        String role,
        String version,
        String apiPath,
        String auth,
        List<String> caps,
        int mqttPort) {

    private static final Pattern CAP = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    public NodeAnnouncement {
        if (name.isBlank() || name.length() > 63) {
            throw new IllegalArgumentException("name: expected 1 to 63 characters, got '" + name + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: expected 1..65535, got " + port);
        }
        if (role.isBlank()) {
            throw new IllegalArgumentException("role: expected a role like hub, node or edge, got nothing");
        }
        if (!apiPath.startsWith("/")) {
            throw new IllegalArgumentException("apiPath: expected a path starting with '/', got '" + apiPath + "'");
        }
        if (!auth.equals(SmollamaService.AUTH_TOKEN) && !auth.equals(SmollamaService.AUTH_NONE)) {
            throw new IllegalArgumentException("auth: expected token or none, got '" + auth + "'");
        }
        if (mqttPort < 0 || mqttPort > 65535) {
            throw new IllegalArgumentException("mqttPort: expected 1..65535, or 0 for no broker, got " + mqttPort);
        }
        caps = List.copyOf(caps);
        for (String c : caps) {
            if (!CAP.matcher(c).matches()) {
                throw new IllegalArgumentException(
                        "caps: expected lower-case words without commas or spaces, got '" + c + "'");
            }
        }
    }

    /** A node that runs no MQTT broker. */
    public NodeAnnouncement(
            String name, int port, String role, String version, String apiPath, String auth, List<String> caps) {
        this(name, port, role, version, apiPath, auth, caps, 0);
    }

    /** The TXT record, in a stable key order. */
    public Map<String, String> txt() {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put(SmollamaService.TXT_ROLE, role);
        txt.put(SmollamaService.TXT_VERSION, version);
        txt.put(SmollamaService.TXT_API, apiPath);
        txt.put(SmollamaService.TXT_AUTH, auth);
        txt.put(SmollamaService.TXT_CAPS, String.join(",", caps));
        if (mqttPort != 0) {
            txt.put(SmollamaService.TXT_MQTT, Integer.toString(mqttPort));
        }
        return txt;
    }
}
