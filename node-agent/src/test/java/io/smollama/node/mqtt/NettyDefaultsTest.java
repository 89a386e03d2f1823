package io.smollama.node.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Netty's portable code paths are the default, and a user's own choice is kept. */
class NettyDefaultsTest {

    private final String before = System.getProperty("io.netty.noUnsafe");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("io.netty.noUnsafe");
        } else {
            System.setProperty("io.netty.noUnsafe", before);
        }
    }

    @Test
    void nettyAvoidsUnsafeUnlessTheUserSaidOtherwise() {
        System.clearProperty("io.netty.noUnsafe");
        NettyDefaults.apply();
        assertThat(System.getProperty("io.netty.noUnsafe")).isEqualTo("true");

        System.setProperty("io.netty.noUnsafe", "false");
        NettyDefaults.apply();
        assertThat(System.getProperty("io.netty.noUnsafe")).isEqualTo("false");
    }
}
