package io.smollama.node.discovery;

import io.smollama.node.config.Settings;

/** The {@code discovery} section: whether to announce and browse, and on which interface (blank = choose). */
public record DiscoverySettings(boolean enabled, String networkInterface) {

    public static DiscoverySettings from(Settings discovery) {
        return new DiscoverySettings(
                discovery.bool("enabled"), discovery.optionalString("interface").orElse(""));
    }
}
