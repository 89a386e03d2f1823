package io.smollama.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembersTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final URI A = URI.create("http://10.0.0.1:8080");
    private static final URI B = URI.create("http://10.0.0.2:8080");

    private static ClusterMember member(String node, URI url, Instant seen, String via) {
        return new ClusterMember(node, "node", url, seen, "1.0", via);
    }

    @Test
    void theFreshestSightingOfANodeWinsAndEverySourceIsListed() {
        List<Members.Merged> merged = Members.merge(List.of(
                member("pi-2", A, T0, ClusterMember.DISCOVERY),
                member("pi-2", B, T0.plusSeconds(30), ClusterMember.SYNC)));

        assertThat(merged).singleElement().satisfies(m -> {
            assertThat(m.url()).isEqualTo(B);
            assertThat(m.lastSeen()).isEqualTo(T0.plusSeconds(30));
            assertThat(m.via()).containsExactly(ClusterMember.SYNC, ClusterMember.DISCOVERY);
        });
    }

    @Test
    void onATieTheMoreDirectSourceWins() {
        List<Members.Merged> merged = Members.merge(
                List.of(member("hub-1", A, T0, ClusterMember.DISCOVERY), member("hub-1", B, T0, ClusterMember.SELF)));

        assertThat(merged).singleElement().satisfies(m -> {
            assertThat(m.url()).isEqualTo(B);
            assertThat(m.isSelf()).isTrue();
        });
    }

    @Test
    void whatTheWinnerLacksIsTakenFromTheOthers() {
        List<Members.Merged> merged = Members.merge(List.of(
                new ClusterMember("pi-3", "unknown", null, T0.plusSeconds(5), null, ClusterMember.SYNC),
                new ClusterMember("pi-3", "edge", A, T0, "2.1", ClusterMember.DISCOVERY)));

        assertThat(merged).singleElement().satisfies(m -> {
            assertThat(m.url()).isEqualTo(A);
            assertThat(m.version()).isEqualTo("2.1");
            assertThat(m.role()).isEqualTo("edge");
            assertThat(m.lastSeen()).isEqualTo(T0.plusSeconds(5));
        });
    }

    @Test
    void anUnnamedConfiguredUrlIsDroppedOnceANamedMemberHasThatUrl() {
        ConfiguredMembers configured = new ConfiguredMembers(List.of(A, B));
        List<ClusterMember> all = new java.util.ArrayList<>(configured.members());
        all.add(member("pi-1", A, T0, ClusterMember.DISCOVERY));

        List<Members.Merged> merged = Members.merge(all);

        assertThat(merged).extracting(Members.Merged::node).containsExactly("10.0.0.2:8080", "pi-1");
    }

    @Test
    void aConfiguredUrlTakesTheNameItsNodeAnsweredWith() {
        ConfiguredMembers configured = new ConfiguredMembers(List.of(A));
        configured.learn(
                A,
                new io.smollama.common.Health(
                        "ok", "pi-7", "hub", "3.0", T0, 5, java.util.Map.of(), java.util.Map.of(), java.util.Map.of()),
                T0);

        assertThat(Members.merge(configured.members())).singleElement().satisfies(m -> {
            assertThat(m.node()).isEqualTo("pi-7");
            assertThat(m.role()).isEqualTo("hub");
            assertThat(m.via()).containsExactly(ClusterMember.CONFIG);
        });
    }

    @Test
    void membersAreOrderedByNameAndNamesIgnoreCase() {
        List<Members.Merged> merged = Members.merge(List.of(
                member("zeta", A, T0, ClusterMember.DISCOVERY),
                member("Alpha", B, T0, ClusterMember.DISCOVERY),
                member("alpha", B, T0, ClusterMember.SYNC)));

        assertThat(merged).extracting(Members.Merged::node).containsExactly("alpha", "zeta");
    }

    @Test
    void aSourceThatThrowsIsLeftOutAndTheOthersStillCount() {
        MemberSource broken = () -> {
            throw new IllegalStateException("sync store closed");
        };
        List<Members.Merged> merged =
                Members.collect(List.of(broken, () -> List.of(member("pi-1", A, T0, ClusterMember.DISCOVERY))));

        assertThat(merged).extracting(Members.Merged::node).containsExactly("pi-1");
    }
}
