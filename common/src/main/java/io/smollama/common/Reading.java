package io.smollama.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One sampled value of one source on one node. Exactly one of {@code value} (numeric) and
 * {@code text} is present. The full source id is {@code type:id}, e.g. {@code system:cpu_temp}.
 */
public record Reading(
        String node,
        String sourceType,
        String sourceId,
        @Nullable Double value,
        @Nullable String text,
        @Nullable String unit,
        Instant timestamp,
        Map<String, String> metadata) {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-/]{0,127}");

    public Reading {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(timestamp, "timestamp");
        checkSourceType(sourceType);
        checkSourceId(sourceId);
        if ((value == null) == (text == null)) {
            throw new IllegalArgumentException(
                    "reading " + sourceType + ":" + sourceId + " must have exactly one of value and text");
        }
        if (value != null && (value.isNaN() || value.isInfinite())) {
            throw new IllegalArgumentException("reading " + sourceType + ":" + sourceId + " value is not finite");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Reading numeric(
            String node,
            String type,
            String id,
            double value,
            @Nullable String unit,
            Instant at,
            Map<String, String> meta) {
        return new Reading(node, type, id, value, null, unit, at, meta);
    }

    public static Reading text(String node, String type, String id, String text, Instant at, Map<String, String> meta) {
        return new Reading(node, type, id, null, text, null, at, meta);
    }

    /** The full source id, {@code type:id}. */
    @JsonProperty("source")
    public String source() {
        return sourceType + ":" + sourceId;
    }

    @JsonIgnore
    public boolean isNumeric() {
        return value != null;
    }

    public static void checkSourceType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("source type '" + type + "' must match " + TYPE.pattern());
        }
    }

    public static void checkSourceId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("source id '" + id + "' must match " + ID.pattern());
        }
    }

    /** Splits a full id {@code type:id} into its two parts; throws when it is not of that form. */
    public static String[] splitSource(String source) {
        int colon = source == null ? -1 : source.indexOf(':');
        if (colon <= 0 || colon == source.length() - 1) {
            throw new IllegalArgumentException("source '" + source + "' must be of the form type:id");
        }
        String type = source.substring(0, colon);
        String id = source.substring(colon + 1);
        checkSourceType(type);
        checkSourceId(id);
        return new String[] {type, id};
    }
}
