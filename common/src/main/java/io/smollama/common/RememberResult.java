package io.smollama.common;

/** The answer to {@code POST /api/memories}: the stored memory, and whether it confirmed an existing one. */
public record RememberResult(Memory memory, boolean reinforced) {}
