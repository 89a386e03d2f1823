package io.smollama.node.metrics;

import java.util.List;

/** A metric family: one name, help and type, and the samples it has at the moment of a scrape. */
interface Family {

    String name();

    String help();

    MetricType type();

    /** The current samples; may throw when a figure cannot be read (the scrape then leaves the family out). */
    List<Sample> collect();
}
