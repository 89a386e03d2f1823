package io.smollama.node.mqtt;

import io.smollama.node.config.ConfigException;
import io.smollama.node.config.ConfigProblem;
import io.smollama.node.config.NodeConfig;
import io.smollama.node.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code mqtt} section as the MQTT package uses it, with the defaults that depend on other settings filled
 * in: the client id from the node name, the embedded broker's bind address from {@code http.host} (a hub that
 * serves its API to the LAN serves MQTT there too) and its data under {@code <storage.path>/broker}.
 * {@code discover}: a node or edge node with no {@code mqtt.host} that runs no broker connects to the broker of
 * the hub that discovery finds ({@code mqtt.discover}). {@code toString} never shows the password.
 */
public record MqttSettings(
        String node,
        NodeConfig.Role role,
        Optional<String> host,
        int port,
        boolean embedded,
        String bindHost,
        Path brokerDirectory,
        String prefix,
        boolean tls,
        Optional<String> username,
        Optional<String> password,
        String clientId,
        List<TopicFilter> agentTopics,
        Duration publishInterval,
        List<QosRule> qos,
        int outboxLimit,
        boolean discover) {

    /** Publishes to topics matching {@code filter} use QoS {@code level} unless the caller names one. */
    public record QosRule(TopicFilter filter, int level) {}

    static final int DEFAULT_QOS = 1;

    public MqttSettings {
        agentTopics = List.copyOf(agentTopics);
        qos = List.copyOf(qos);
        discover = discover && host.isEmpty() && !embedded && role != NodeConfig.Role.HUB;
    }

    /** Settings with an explicit broker or an embedded one, that never follow a discovered hub. */
    public MqttSettings(
            String node,
            NodeConfig.Role role,
            Optional<String> host,
            int port,
            boolean embedded,
            String bindHost,
            Path brokerDirectory,
            String prefix,
            boolean tls,
            Optional<String> username,
            Optional<String> password,
            String clientId,
            List<TopicFilter> agentTopics,
            Duration publishInterval,
            List<QosRule> qos,
            int outboxLimit) {
        this(
                node,
                role,
                host,
                port,
                embedded,
                bindHost,
                brokerDirectory,
                prefix,
                tls,
                username,
                password,
                clientId,
                agentTopics,
                publishInterval,
                qos,
                outboxLimit,
                false);
    }

    /**
     * Reads the {@code mqtt} section; throws {@link ConfigException} naming the key for a bad prefix or filter.
     * {@code mqtt.discover} applies only while discovery runs ({@code discoveryEnabled}): without mDNS no hub is
     * ever found, and the node should say it has no broker rather than wait for one.
     */
    public static MqttSettings from(Settings mqtt, NodeConfig node, boolean discoveryEnabled) {
        List<ConfigProblem> problems = new ArrayList<>();
        String prefix = mqtt.string("prefix").strip();
        if (prefix.isEmpty()
                || prefix.contains("+")
                || prefix.contains("#")
                || prefix.startsWith("/")
                || prefix.endsWith("/")
                || prefix.contains("//")) {
            problems.add(new ConfigProblem(
                    mqtt.origin("prefix"),
                    "mqtt.prefix",
                    "expected topic levels without wildcards or empty levels (like 'smollama' or 'site/a'), got '"
                            + prefix + "'"));
        }
        List<TopicFilter> agentTopics = new ArrayList<>();
        for (String f : mqtt.strings("agent_topics")) {
            String problem = TopicFilter.problem(f);
            if (problem != null) {
                problems.add(new ConfigProblem(
                        mqtt.origin("agent_topics"), "mqtt.agent_topics", "topic filter '" + f + "' " + problem));
            } else {
                agentTopics.add(new TopicFilter(f));
            }
        }
        List<QosRule> qos = new ArrayList<>();
        for (Settings rule : mqtt.list("qos")) {
            String f = rule.optionalString("topic").orElse("");
            String problem = TopicFilter.problem(f);
            if (problem != null) {
                problems.add(
                        new ConfigProblem(rule.origin("topic"), "mqtt.qos", "topic filter '" + f + "' " + problem));
            } else {
                qos.add(new QosRule(new TopicFilter(f), Math.toIntExact(rule.integer("level"))));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Optional<String> host = mqtt.optionalString("host").map(String::strip).filter(h -> !h.isEmpty());
        boolean embedded =
                switch (mqtt.string("embedded")) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> node.role() == NodeConfig.Role.HUB && host.isEmpty();
                };
        String bind = node.http().host().isBlank() ? "127.0.0.1" : node.http().host();
        return new MqttSettings(
                node.name(),
                node.role(),
                host,
                Math.toIntExact(mqtt.integer("port")),
                embedded,
                bind,
                node.storage().path().resolve("broker"),
                prefix,
                mqtt.bool("tls"),
                mqtt.optionalString("username"),
                mqtt.optionalString("password"),
                mqtt.optionalString("client_id").orElse("smollama-" + node.name()),
                agentTopics,
                mqtt.duration("publish_interval"),
                qos,
                Math.toIntExact(mqtt.integer("outbox_limit")),
                mqtt.bool("discover") && discoveryEnabled);
    }

    /**
     * Whether this node talks MQTT at all: a broker is configured, it runs one, or it uses the broker of the hub
     * that discovery finds.
     */
    public boolean enabled() {
        return host.isPresent() || embedded || discover;
    }

    /** The QoS for a publish to {@code topic}: the first matching {@code mqtt.qos} rule, else 1. */
    int qosFor(String topic) {
        for (QosRule r : qos) {
            if (r.filter().matches(topic)) {
                return r.level();
            }
        }
        return DEFAULT_QOS;
    }

    String statusTopic() {
        return prefix + "/" + node + "/status";
    }

    /** {@code <prefix>/<node>/events}: where this node says what happened (the agent's MQTT answers). */
    public String eventsTopic() {
        return prefix + "/" + node + "/events";
    }

    String readingsTopic() {
        return prefix + "/" + node + "/readings";
    }

    /** {@code <prefix>/+/readings}: every node's readings. */
    String readingsFilter() {
        return prefix + "/+/readings";
    }

    @Override
    public String toString() {
        return "MqttSettings[node=" + node + ", role=" + role + ", host=" + host.orElse("") + ", port=" + port
                + ", embedded=" + embedded + ", bindHost=" + bindHost + ", prefix=" + prefix + ", tls=" + tls
                + ", username=" + username.orElse("") + ", password=" + (password.isPresent() ? "****" : "")
                + ", clientId=" + clientId + ", agentTopics=" + agentTopics + ", publishInterval="
                + publishInterval + ", qos=" + qos + ", outboxLimit=" + outboxLimit + ", discover=" + discover + "]";
    }
}
