package io.smollama.node.mqtt;

/**
 * Netty (inside the HiveMQ MQTT client and the embedded Moquette broker) reaches for
 * {@code sun.misc.Unsafe} memory access, which JDK 24+ warns about on stderr at every start. Its portable
 * code paths are plenty for a node's MQTT traffic, so they are chosen before the first Netty class
 * loads; a user's own {@code -Dio.netty.noUnsafe} wins.
 */
final class NettyDefaults {

    private NettyDefaults() {}

    /** Chooses Netty's portable code paths unless the user chose otherwise; harmless to call again. */
    static void apply() {
        if (System.getProperty("io.netty.noUnsafe") == null) {
            System.setProperty("io.netty.noUnsafe", "true");
        }
    }
}
