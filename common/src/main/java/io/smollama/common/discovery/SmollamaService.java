package io.smollama.common.discovery;

/** The names of the mDNS record every node announces (see ARCHITECTURE.md, "mDNS"). */
public final class SmollamaService {

    /** The service type, fully qualified as JmDNS and the wire want it. */
    public static final String TYPE = "_smollama._tcp.local.";

    public static final String TXT_ROLE = "role";
    public static final String TXT_VERSION = "version";
    public static final String TXT_API = "api";
    public static final String TXT_AUTH = "auth";
    public static final String TXT_CAPS = "caps";
    /**
     * {@code mqtt=<port>}: the node runs an MQTT broker (the hub's embedded one) on its announced address at this
     * port; nodes without {@code mqtt.host} connect to the hub's. Absent when the node runs no broker.
     */
    public static final String TXT_MQTT = "mqtt";

    /** {@code auth=token}: reads need the API token. */
    public static final String AUTH_TOKEN = "token";
    /** {@code auth=none}: reads are open on the LAN; state-changing calls still need the token. */
    public static final String AUTH_NONE = "none";

    private SmollamaService() {}
}
