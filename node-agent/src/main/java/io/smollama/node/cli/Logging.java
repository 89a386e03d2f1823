package io.smollama.node.cli;

import io.smollama.common.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Sets up java.util.logging (which Helidon and our code use) for the CLI: level and text/JSON lines on stderr. */
final class Logging {

    /** JUL holds loggers weakly: keep the ones whose level we set, or the setting is lost to GC. */
    private static final java.util.List<Logger> CONFIGURED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static final java.util.List<String> QUIET_LIBRARIES = java.util.List.of("io.helidon", "com.pi4j", "ai.djl");

    private Logging() {}

    static void configure(String level, String format) {
        Level jul = toJul(level); // before the reset: a rejected level must leave logging as it was
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new ConsoleHandler();
        handler.setLevel(jul);
        handler.setFormatter(format.equalsIgnoreCase("json") ? new JsonFormatter() : new TextFormatter());
        root.addHandler(handler);
        root.setLevel(jul);
        // libraries are chatty at INFO about their own start-up (DJL: where it unpacks the tokenizer's
        // native library); keep them at WARNING unless debugging
        CONFIGURED.clear();
        if (jul.intValue() >= Level.INFO.intValue()) {
            for (String name : QUIET_LIBRARIES) {
                Logger quiet = Logger.getLogger(name);
                quiet.setLevel(Level.WARNING);
                CONFIGURED.add(quiet);
            }
        }
    }

    static Level toJul(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default ->
                throw new IllegalArgumentException(
                        "log level '" + level + "' is not one of error, warn, info, debug, trace");
        };
    }

    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) return "ERROR";
        if (v >= Level.WARNING.intValue()) return "WARN";
        if (v >= Level.INFO.intValue()) return "INFO";
        if (v >= Level.FINE.intValue()) return "DEBUG";
        return "TRACE";
    }

    private static String shortName(String logger) {
        if (logger == null) return "";
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    private static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    static final class TextFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder()
                    .append(Instant.ofEpochMilli(r.getMillis()))
                    .append(' ')
                    .append(String.format("%-5s", levelName(r.getLevel())))
                    .append(' ')
                    .append(shortName(r.getLoggerName()))
                    .append(": ")
                    .append(formatMessage(r))
                    .append(System.lineSeparator());
            if (r.getThrown() != null) {
                sb.append(stackTrace(r.getThrown()));
            }
            return sb.toString();
        }
    }

    static final class JsonFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("ts", Instant.ofEpochMilli(r.getMillis()).toString());
            line.put("level", levelName(r.getLevel()));
            line.put("logger", r.getLoggerName());
            line.put("thread", Thread.currentThread().getName());
            line.put("message", formatMessage(r));
            if (r.getThrown() != null) {
                line.put("error", String.valueOf(r.getThrown()));
                line.put("stack", stackTrace(r.getThrown()));
            }
            try {
                return Json.mapper().writeValueAsString(line) + System.lineSeparator();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return "{\"level\":\"ERROR\",\"message\":\"unformattable log record\"}" + System.lineSeparator();
            }
        }
    }
}
