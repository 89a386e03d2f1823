package io.smollama.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.common.discovery.DiscoveredNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubLocatorTest {

    private final HubLocator locator = new HubLocator("me");
    private final List<Optional<DiscoveredNode>> changes = new ArrayList<>();

    {
        locator.onChange(changes::add);
    }

    static DiscoveredNode node(String name, String role, String url) {
        return new DiscoveredNode(
                name,
                role,
                "1.0",
                URI.create(url),
                "/api",
                "token",
                List.of("readings"),
                List.of(URI.create(url).getHost()),
                URI.create(url).getPort(),
                null,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void thereIsNoHubUntilOneIsDiscovered() {
        locator.added(node("greenhouse", "node", "http://10.0.0.5:8080"));

        assertThat(locator.hubUrl()).isEmpty();
        assertThat(changes).isEmpty();
    }

    @Test
    void aHubThatAppearsLaterIsTakenUp() {
        locator.added(node("greenhouse", "node", "http://10.0.0.5:8080"));
        locator.added(node("barn", "hub", "http://10.0.0.9:8080"));

        assertThat(locator.hubUrl()).contains(URI.create("http://10.0.0.9:8080"));
        assertThat(changes).hasSize(1);
    }

    @Test
    void theHubIsFollowedWhenItMoves() {
        locator.added(node("barn", "hub", "http://10.0.0.9:8080"));
        locator.updated(node("barn", "hub", "http://10.0.0.44:8080"));

        assertThat(locator.hubUrl()).contains(URI.create("http://10.0.0.44:8080"));
        assertThat(changes)
                .extracting(c -> c.map(DiscoveredNode::baseUrl).orElseThrow())
                .containsExactly(URI.create("http://10.0.0.9:8080"), URI.create("http://10.0.0.44:8080"));
    }

    @Test
    void anUpdateThatKeepsTheUrlIsNoChange() {
        locator.added(node("barn", "hub", "http://10.0.0.9:8080"));
        var newVersion = node("barn", "hub", "http://10.0.0.9:8080");
        locator.updated(newVersion);

        assertThat(changes).hasSize(1);
    }

    @Test
    void whenTheHubGoesAwayTheNodeHasNoneUntilItComesBack() {
        locator.added(node("barn", "hub", "http://10.0.0.9:8080"));
        locator.removed(node("barn", "hub", "http://10.0.0.9:8080"));

        assertThat(locator.hub()).isEmpty();

        locator.added(node("barn", "hub", "http://10.0.0.12:8080"));
        assertThat(locator.hubUrl()).contains(URI.create("http://10.0.0.12:8080"));
        assertThat(changes).extracting(Optional::isPresent).containsExactly(true, false, true);
    }

    @Test
    void theCurrentHubIsKeptWhileItAnswersAndAnotherTakesOverWhenItGoes() {
        locator.added(node("zulu", "hub", "http://10.0.0.26:8080"));
        locator.added(node("alpha", "hub", "http://10.0.0.1:8080"));

        assertThat(locator.hub().orElseThrow().name()).isEqualTo("zulu");

        locator.removed(node("zulu", "hub", "http://10.0.0.26:8080"));
        assertThat(locator.hub().orElseThrow().name()).isEqualTo("alpha");
    }

    @Test
    void amongNewHubsTheFirstNameWinsSoEveryNodePicksTheSame() {
        var other = new HubLocator("me");
        other.added(node("zulu", "hub", "http://10.0.0.26:8080"));
        other.added(node("alpha", "hub", "http://10.0.0.1:8080"));
        other.removed(node("zulu", "hub", "http://10.0.0.26:8080"));
        other.added(node("zulu", "hub", "http://10.0.0.26:8080"));

        assertThat(other.hub().orElseThrow().name()).isEqualTo("alpha");
    }

    @Test
    void aHubNeverPicksItselfAndTheLlamaAliasCounts() {
        locator.added(node("me", "hub", "http://10.0.0.2:8080"));
        assertThat(locator.hub()).isEmpty();

        locator.added(node("old-hub", "llama", "http://10.0.0.3:8080"));
        assertThat(locator.hub().orElseThrow().name()).isEqualTo("old-hub");
    }

    @Test
    void aHubThatBecomesANodeIsDropped() {
        locator.added(node("barn", "hub", "http://10.0.0.9:8080"));
        locator.updated(node("barn", "node", "http://10.0.0.9:8080"));

        assertThat(locator.hub()).isEmpty();
    }
}
