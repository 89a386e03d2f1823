package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class MessageHistoryTest {

    private static MqttMessage msg(String topic, String payload) {
        return new MqttMessage(topic, payload, 1, false, Instant.EPOCH);
    }

    @Test
    void recentMessagesComeNewestFirstForMatchingTopicsOnly() {
        MessageHistory h = new MessageHistory(10, 10, 1_000_000);
        h.add(msg("home/a", "1"));
        h.add(msg("office/b", "2"));
        h.add(msg("home/c", "3"));
        assertThat(h.recent(new TopicFilter("home/+"), 10))
                .extracting(MqttMessage::payload)
                .containsExactly("3", "1");
        assertThat(h.recent(new TopicFilter("#"), 2))
                .extracting(MqttMessage::payload)
                .containsExactly("3", "2");
    }

    @Test
    void eachTopicKeepsOnlyItsNewestMessages() {
        MessageHistory h = new MessageHistory(3, 10, 1_000_000);
        for (int i = 0; i < 10; i++) {
            h.add(msg("t", Integer.toString(i)));
        }
        assertThat(h.recent(new TopicFilter("t"), 100))
                .extracting(MqttMessage::payload)
                .containsExactly("9", "8", "7");
    }

    @Test
    void theLeastRecentlyWrittenTopicIsForgottenBeyondTheTopicLimit() {
        MessageHistory h = new MessageHistory(3, 2, 1_000_000);
        h.add(msg("a", "1"));
        h.add(msg("b", "2"));
        h.add(msg("c", "3"));
        assertThat(h.recent(new TopicFilter("#"), 10))
                .extracting(MqttMessage::topic)
                .containsExactly("c", "b");
    }

    @Test
    void theOldestMessagesOfTheLeastRecentTopicGoFirstWhenTheTextBudgetIsSpent() {
        MessageHistory h = new MessageHistory(100, 100, 10);
        h.add(msg("a", "1234"));
        h.add(msg("a", "5678"));
        h.add(msg("b", "abcd"));
        assertThat(h.recent(new TopicFilter("#"), 10))
                .extracting(MqttMessage::payload)
                .containsExactly("abcd", "5678");
        h.add(msg("b", "efghijkl"));
        assertThat(h.recent(new TopicFilter("#"), 10))
                .extracting(MqttMessage::payload)
                .containsExactly("efghijkl");
    }

    @Test
    void echoesAreRecognisedOncePerPublishAndExpire() {
        MutableClock clock = new MutableClock(Instant.EPOCH, ZoneOffset.UTC);
        EchoFilter echoes = new EchoFilter(clock, Duration.ofMinutes(1), 10);
        echoes.published("a/b", "x".getBytes());
        assertThat(echoes.isEcho("a/b", "y".getBytes())).isFalse();
        assertThat(echoes.isEcho("a/b", "x".getBytes())).isTrue();
        assertThat(echoes.isEcho("a/b", "x".getBytes())).isFalse();
        echoes.published("a/b", "x".getBytes());
        clock.advance(Duration.ofMinutes(2));
        assertThat(echoes.isEcho("a/b", "x".getBytes())).isFalse();
    }

    @Test
    void refusalsAreLoggedOncePerSenderPerPeriodWithTheSuppressedCount() {
        MutableClock clock = new MutableClock(Instant.EPOCH, ZoneOffset.UTC);
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        java.util.List<String> logged = new java.util.ArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        SenderWarnings w = new SenderWarnings(logger, clock, Duration.ofMinutes(1));
        assertThat(w.warn("edge-1", "bad")).isTrue();
        assertThat(w.warn("edge-1", "bad")).isFalse();
        assertThat(w.warn("edge-1", "bad")).isFalse();
        assertThat(w.warn("edge-2", "other")).isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(w.warn("edge-1", "bad again")).isTrue();
        assertThat(logged)
                .containsExactly("bad", "other", "bad again (2 more from edge-1 refused since the last warning)");
    }
}
