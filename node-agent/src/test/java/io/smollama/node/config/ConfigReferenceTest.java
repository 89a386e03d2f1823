package io.smollama.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    private final ConfigSpec root = ConfigSpec.builder()
            .object(
                    "net",
                    ConfigSpec.builder()
                            .integer("port", 8080, 0, 65535, "The port")
                            .secret("token", 16, "A <secret> token")
                            .duration(
                                    "timeout",
                                    Duration.ofSeconds(30),
                                    Duration.ofMillis(100),
                                    Duration.ofHours(1),
                                    "Wait")
                            .enumeration(
                                    "mode", "fast", List.of("fast", "slow"), Map.of("quick", "fast"), "Mode | speed")
                            .objects(
                                    "routes",
                                    ConfigSpec.builder()
                                            .string("to", "x", "Target")
                                            .build(),
                                    "Routes")
                            .object(
                                    "inner",
                                    ConfigSpec.builder().bool("on", true, "On").build(),
                                    "An inner section")
                            .build(),
                    "Networking")
            .build();

    private final String md = ConfigReference.markdown(root);

    @Test
    void everyKeyHasTypeDefaultAllowedValuesAndEnvironmentVariable() {
        assertThat(md)
                .contains("## `net`\n\nNetworking.")
                .contains("| `net.port` | integer | `8080` | 0 … 65535 | `SMOLLAMA_NET_PORT` | The port |")
                .contains("| `net.timeout` | duration | `30s` | 100ms … 1h | `SMOLLAMA_NET_TIMEOUT` | Wait |")
                .contains("| `net.mode` | choice | `\"fast\"` | `fast`, `slow` (aliases: `quick` = `fast`) |"
                        + " `SMOLLAMA_NET_MODE` | Mode \\| speed |");
    }

    @Test
    void secretsAreMarkedAndHaveNoDefault() {
        assertThat(md)
                .contains("| `net.token` | string, *secret* | — | at least 16 characters (or leave it unset) |"
                        + " `SMOLLAMA_NET_TOKEN` | A &lt;secret&gt; token |");
    }

    @Test
    void listsOfObjectsAndSubsectionsGetTheirOwnTables() {
        assertThat(md)
                .contains("Each element of `net.routes` (set the whole list with `SMOLLAMA_NET_ROUTES`)")
                .contains("| `net.routes[].to` | string | `\"x\"` | not empty | Target |")
                .contains("### `net.inner`")
                .contains("| `net.inner.on` | boolean | `true` | `true`, `false` | `SMOLLAMA_NET_INNER_ON` | On |");
    }
}
