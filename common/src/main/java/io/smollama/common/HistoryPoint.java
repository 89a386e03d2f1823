package io.smollama.common;

import java.time.Instant;

/** One point of a downsampled history: the bucket start and the aggregate of the values in it. */
public record HistoryPoint(Instant timestamp, double avg, double min, double max, long count) {}
