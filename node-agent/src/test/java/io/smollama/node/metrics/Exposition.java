package io.smollama.node.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict parser of Prometheus text format 0.0.4, written from the format's description (not from the
 * writer under test): it fails on anything a Prometheus server would refuse or misread, and checks the
 * rules of histograms. Tests read scrapes through it rather than matching strings.
 */
final class Exposition {

    record Sample(String name, Map<String, String> labels, double value) {}

    record Family(String name, String type, String help, List<Sample> samples) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    private Exposition() {}

    static Exposition parse(String text) {
        Exposition e = new Exposition();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a line feed");
        }
        Map<String, String> help = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        Set<String> finished = new HashSet<>();
        String current = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + lineNo + " '" + line + "': ";
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                String name = parts[0];
                check(name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), where + "bad metric name");
                if (line.startsWith("# HELP ")) {
                    check(
                            help.put(name, parts.length > 1 ? unescapeHelp(parts[1], where) : "") == null,
                            where + "second HELP for " + name);
                } else {
                    check(
                            parts.length == 2 && parts[1].matches("counter|gauge|histogram|summary|untyped"),
                            where + "bad type");
                    check(types.put(name, parts[1]) == null, where + "second TYPE for " + name);
                    check(!e.families.containsKey(name), where + "TYPE after the samples of " + name);
                    if (current != null && !current.equals(name)) {
                        finished.add(current);
                    }
                    check(!finished.contains(name), where + name + " appears in two places");
                    current = name;
                    e.families.put(name, new Family(name, parts[1], help.getOrDefault(name, ""), new ArrayList<>()));
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Sample s = sample(line, where);
            String family = familyOf(s.name(), types);
            check(family != null, where + "sample without a TYPE line first");
            check(family.equals(current), where + "samples of " + family + " are not together");
            e.families.get(family).samples().add(s);
        }
        for (Family f : e.families.values()) {
            check(help.containsKey(f.name()), f.name() + " has no HELP");
            if (f.type().equals("histogram")) {
                checkHistogram(f);
            }
            if (f.type().equals("counter")) {
                f.samples().forEach(s -> check(s.value() >= 0, f.name() + " is a counter below 0"));
            }
        }
        return e;
    }

    Map<String, Family> families() {
        return families;
    }

    Family family(String name) {
        Family f = families.get(name);
        if (f == null) {
            throw new AssertionError("no family " + name + " in " + families.keySet());
        }
        return f;
    }

    /** The value of the one sample of {@code name} whose labels include {@code labels}. */
    double value(String name, Map<String, String> labels) {
        List<Sample> matches = new ArrayList<>();
        for (Family f : families.values()) {
            for (Sample s : f.samples()) {
                if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
                    matches.add(s);
                }
            }
        }
        check(matches.size() == 1, "expected one sample " + name + labels + ", found " + matches);
        return matches.getFirst().value();
    }

    double value(String name) {
        return value(name, Map.of());
    }

    private static String familyOf(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        check(name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), where + "bad metric name");
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                check(eq > i, where + "label without '='");
                String label = line.substring(i, eq);
                check(label.matches("[a-zA-Z_][a-zA-Z0-9_]*"), where + "bad label name " + label);
                check(line.charAt(eq + 1) == '"', where + "label value not quoted");
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new AssertionError(where + "bad escape \\" + next);
                        }
                    } else {
                        value.append(c);
                    }
                }
                check(labels.put(label, value.toString()) == null, where + "label " + label + " twice");
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        check(i < line.length() && line.charAt(i) == ' ', where + "no space before the value");
        String[] rest = line.substring(i + 1).split(" ");
        check(rest.length == 1 || rest.length == 2, where + "expected a value and an optional timestamp");
        return new Sample(name, labels, number(rest[0], where));
    }

    private static double number(String text, String where) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                check(text.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?"), where + "bad number " + text);
                yield Double.parseDouble(text);
            }
        };
    }

    private static String unescapeHelp(String text, String where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = text.charAt(++i);
                switch (next) {
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    default -> throw new AssertionError(where + "bad escape in HELP \\" + next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void checkHistogram(Family f) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> sums = new HashMap<>();
        Map<Map<String, String>, Double> counts = new HashMap<>();
        for (Sample s : f.samples()) {
            Map<String, String> series = new TreeMap<>(s.labels());
            if (s.name().equals(f.name() + "_bucket")) {
                check(series.containsKey("le"), f.name() + " bucket without le");
                series.remove("le");
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            } else if (s.name().equals(f.name() + "_sum")) {
                sums.put(series, s.value());
            } else if (s.name().equals(f.name() + "_count")) {
                counts.put(series, s.value());
            } else {
                throw new AssertionError(f.name() + " has a sample " + s.name() + " that is not _bucket/_sum/_count");
            }
        }
        check(
                buckets.keySet().equals(counts.keySet()) && buckets.keySet().equals(sums.keySet()),
                f.name() + ": every series needs buckets, _sum and _count");
        buckets.forEach((series, list) -> {
            double previousLe = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample b : list) {
                double le = number(b.labels().get("le"), f.name());
                check(le > previousLe, f.name() + series + ": le not increasing");
                check(b.value() >= previousCount, f.name() + series + ": buckets not cumulative");
                previousLe = le;
                previousCount = b.value();
            }
            check(previousLe == Double.POSITIVE_INFINITY, f.name() + series + ": the last bucket must be +Inf");
            check(previousCount == counts.get(series), f.name() + series + ": _count differs from the +Inf bucket");
        });
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
