package io.smollama.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveConfigTest {

    @TempDir
    Path tempDir;

    ConfigFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ConfigFixture(tempDir);
    }

    @Test
    void secretsAreMaskedInEffectiveConfig() {
        fx.writeWork("smollama.yaml", "http:\n  token: s3cr3t-token-0123456789\nplugins:\n  gpio:\n    api_key: ''\n");

        EffectiveConfig effective = fx.load().effective();

        assertThat(effective.settings())
                .contains(
                        new EffectiveConfig.Entry("http.token", "****", "smollama.yaml:2"),
                        new EffectiveConfig.Entry("plugins.gpio.api_key", "(unset)", "smollama.yaml:5"));
        assertThat(effective.render()).doesNotContain("s3cr3t-token-0123456789");
        assertThat(effective.toString()).doesNotContain("s3cr3t-token-0123456789");
    }

    @Test
    void secretFromTheEnvironmentIsMaskedToo() {
        fx.env.put("SMOLLAMA_HTTP_TOKEN", "from-env-token-0123456789");

        EffectiveConfig effective = fx.load().effective();

        assertThat(effective.settings())
                .contains(new EffectiveConfig.Entry("http.token", "****", "env SMOLLAMA_HTTP_TOKEN"));
        assertThat(effective.render()).doesNotContain("from-env-token-0123456789");
    }

    @Test
    void everyLeafKeyIsListedInSchemaOrderWithItsOrigin() {
        fx.writeWork("smollama.yaml", "storage:\n  raw_retention: 2d\n");
        fx.env.put("SMOLLAMA_HTTP_PORT", "9000");

        EffectiveConfig effective = fx.load().effective();

        assertThat(effective.settings())
                .extracting(EffectiveConfig.Entry::key)
                .containsExactly(
                        "node.name",
                        "node.role",
                        "http.host",
                        "http.port",
                        "http.token",
                        "http.token_file",
                        "http.open_reads",
                        "http.max_body_bytes",
                        "storage.path",
                        "storage.raw_retention",
                        "storage.minute_retention",
                        "storage.hour_retention",
                        "storage.batch_size",
                        "storage.flush_interval",
                        "plugins.dir",
                        "plugins.gpio.enabled",
                        "plugins.gpio.pins",
                        "plugins.gpio.labels",
                        "plugins.gpio.api_key",
                        "log.level",
                        "log.format",
                        "ollama.url",
                        "ollama.model",
                        "ollama.embedding_model",
                        "ollama.keep_alive",
                        "ollama.connect_timeout",
                        "ollama.timeout",
                        "memory.embedder",
                        "memory.observation_retention",
                        "observe.enabled",
                        "observe.interval",
                        "observe.min_interval",
                        "observe.max_interval",
                        "observe.lookback",
                        "agent.max_iterations",
                        "agent.fallback",
                        "agent.retries",
                        "agent.retry_backoff",
                        "agent.queue_check_interval",
                        "mqtt.host",
                        "mqtt.port",
                        "mqtt.embedded",
                        "mqtt.prefix",
                        "mqtt.tls",
                        "mqtt.username",
                        "mqtt.password",
                        "mqtt.client_id",
                        "mqtt.agent_topics",
                        "mqtt.publish_interval",
                        "mqtt.qos",
                        "mqtt.outbox_limit",
                        "mqtt.discover",
                        "mqtt.agent_max_per_minute",
                        "mqtt.publish_answers",
                        "sync.enabled",
                        "sync.hub_url",
                        "sync.interval",
                        "sync.pull",
                        "sync.token",
                        "discovery.enabled",
                        "discovery.interface",
                        "cluster.nodes",
                        "cluster.timeout",
                        "cluster.cache",
                        "cluster.offline_after",
                        "cluster.send_token");
        assertThat(effective.settings())
                .contains(
                        new EffectiveConfig.Entry("node.name", "(unset)", "default"),
                        new EffectiveConfig.Entry("http.port", "9000", "env SMOLLAMA_HTTP_PORT"),
                        new EffectiveConfig.Entry("http.token_file", "\"\"", "default"),
                        new EffectiveConfig.Entry("storage.raw_retention", "2d", "smollama.yaml:2"),
                        new EffectiveConfig.Entry("storage.flush_interval", "200ms", "default"),
                        new EffectiveConfig.Entry("plugins.gpio.pins", "[]", "default"),
                        new EffectiveConfig.Entry("plugins.gpio.labels", "[]", "default"));
        assertThat(effective.files()).containsExactly(fx.work.resolve("smollama.yaml"));
    }

    @Test
    void listOfObjectsIsShownElementByElement() {
        fx.writeWork("smollama.yaml", "plugins:\n  gpio:\n    pins:\n      - {pin: 4, mode: output}\n");

        EffectiveConfig effective = fx.load().effective();

        assertThat(effective.settings())
                .contains(
                        new EffectiveConfig.Entry("plugins.gpio.pins[0].pin", "4", "smollama.yaml:4"),
                        new EffectiveConfig.Entry("plugins.gpio.pins[0].mode", "output", "smollama.yaml:4"));
    }

    @Test
    void renderListsFilesSettingsAndWarnings() {
        fx.env.put("SMOLLAMA_NOPE", "1");

        String text = fx.load().effective().render();

        assertThat(text).startsWith("No config file found; built-in defaults apply.");
        assertThat(text).containsPattern("http\\.port +\\= 8080 +# default");
        assertThat(text).contains("warning: env SMOLLAMA_NOPE is not a setting and was ignored");
    }
}
