package io.smollama.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscoveryCommandTest {

    @Test
    void aTimeoutThatIsNotADurationIsAUsageErrorSayingWhatIsExpected() {
        Cli.Run run = Cli.execute("discovery", "list", "--timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("expected a duration from 200ms to 10m like 3s or 1500ms, got 'soon'");
    }

    @Test
    void aTimeoutBeyondTenMinutesIsRefused() {
        assertThat(Cli.execute("discovery", "list", "--timeout", "2h").exitCode())
                .isEqualTo(64);
    }

    @Test
    void anInterfaceThatDoesNotExistFailsWithTheInterfacesThereAre() {
        Cli.Run run = Cli.execute("discovery", "list", "--timeout", "200ms", "--interface", "nosuch0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("cannot browse: discovery.interface: no interface named nosuch0")
                .contains("lo");
    }

    @Test
    void discoveryAndListHaveHelp() {
        assertThat(Cli.execute("discovery", "--help").out()).contains("Usage: smollama-node discovery");
        Cli.Run list = Cli.execute("discovery", "list", "--help");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("--json").contains("--timeout").contains("--interface");
    }
}
