package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicFilterTest {

    private static boolean matches(String filter, String topic) {
        return new TopicFilter(filter).matches(topic);
    }

    @Test
    void plusMatchesExactlyOneLevel() {
        assertThat(matches("smollama/+/readings", "smollama/edge-1/readings")).isTrue();
        assertThat(matches("smollama/+/readings", "smollama/a/b/readings")).isFalse();
        assertThat(matches("smollama/+/readings", "smollama/readings")).isFalse();
        assertThat(matches("smollama/+", "smollama/")).isTrue();
    }

    @Test
    void hashMatchesTheParentAndEverythingBelow() {
        assertThat(matches("home/#", "home")).isTrue();
        assertThat(matches("home/#", "home/kitchen/light")).isTrue();
        assertThat(matches("#", "anything/at/all")).isTrue();
        assertThat(matches("home/#", "house/kitchen")).isFalse();
    }

    @Test
    void plainFiltersMatchOnlyTheSameTopic() {
        assertThat(matches("a/b", "a/b")).isTrue();
        assertThat(matches("a/b", "a/b/c")).isFalse();
        assertThat(matches("a/b", "a")).isFalse();
    }

    @Test
    void wildcardsDoNotMatchDollarTopics() {
        assertThat(matches("#", "$SYS/broker/uptime")).isFalse();
        assertThat(matches("+/broker/uptime", "$SYS/broker/uptime")).isFalse();
        assertThat(matches("$SYS/#", "$SYS/broker/uptime")).isTrue();
    }

    @Test
    void malformedFiltersAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new TopicFilter("a/#/b")).hasMessageContaining("'#'");
        assertThatThrownBy(() -> new TopicFilter("a/b#")).hasMessageContaining("'#'");
        assertThatThrownBy(() -> new TopicFilter("a/x+")).hasMessageContaining("'+'");
        assertThatThrownBy(() -> new TopicFilter("")).hasMessageContaining("empty");
    }

    @Test
    void onlyTopicsWithoutWildcardsArePublishable() {
        assertThat(TopicFilter.isPublishable("smollama/n/events")).isTrue();
        assertThat(TopicFilter.isPublishable("smollama/+/events")).isFalse();
        assertThat(TopicFilter.isPublishable("")).isFalse();
    }
}
