package io.smollama.node.plugin.simulated;

/**
 * Deterministic pseudo-random numbers addressed by (seed, channel, index) rather than drawn in
 * sequence, so a simulated value depends only on the seed and the time, never on how often or in
 * which order sensors were read.
 */
final class Noise {

    private final long seed;

    Noise(long seed) {
        this.seed = seed;
    }

    /** A uniform number in [0, 1) for this channel and index. */
    double uniform(long channel, long index) {
        long h = mix(seed ^ mix(channel * 0x9E3779B97F4A7C15L + index));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Smooth value noise in [-1, 1]: random values at integer {@code x}, eased in between. */
    double smooth(long channel, double x) {
        long i = (long) Math.floor(x);
        double f = x - i;
        double a = uniform(channel, i) * 2 - 1;
        double b = uniform(channel, i + 1) * 2 - 1;
        double t = f * f * (3 - 2 * f);
        return a + (b - a) * t;
    }

    /** SplitMix64's finaliser: a bijective mix of all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
