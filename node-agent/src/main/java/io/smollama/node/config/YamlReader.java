package io.smollama.node.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML text into {@link RawValue}s with file and line on every value. It uses SnakeYAML's
 * composer (nodes with marks) rather than its object constructor, so nothing is instantiated from
 * tags, and it reports what the constructor would reject or silently accept: duplicate keys,
 * non-word keys, recursive aliases. Merge keys ({@code <<: *defaults}) are honoured.
 */
final class YamlReader {

    private final Origin source;
    private final Problems problems;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlReader(Origin source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    /**
     * Reads a whole configuration document; its top level must be a mapping. An empty document is an
     * empty mapping. Problems are added to {@code problems}; the result is then what could be read.
     */
    static RawValue.Mapping readDocument(String text, Origin source, Problems problems) {
        YamlReader reader = new YamlReader(source, problems);
        RawValue value = reader.parse(text, "");
        if (value instanceof RawValue.Mapping mapping) {
            return mapping;
        }
        if (!(value instanceof RawValue.Scalar s && s.isNull())) {
            problems.add(value.origin(), "", "expected sections like 'http:' at the top level, got " + describe(value));
        }
        return RawValue.Mapping.empty(source.atLine(1));
    }

    /** Reads one value, such as an environment override; the result is null when it is not valid YAML. */
    static @Nullable RawValue readValue(String text, Origin source, String key, Problems problems) {
        Problems own = new Problems();
        RawValue value = new YamlReader(source, own).parse(text, key);
        problems.addAll(own);
        return own.isEmpty() ? value : null;
    }

    /** How a value is shown in "got ..." messages: a scalar's text, quoted unless it is a number or a word like true. */
    static String describe(RawValue value) {
        if (value instanceof RawValue.Scalar s) {
            if (s.isNull()) {
                return "nothing";
            }
            String text = s.text();
            return text.matches("[-+]?[0-9][0-9_.eE+-]*|true|false") ? text : '"' + text.replace("\"", "\\\"") + '"';
        }
        return value.kind();
    }

    private RawValue parse(String text, String key) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(at(mark), key, "invalid YAML: " + reason(e));
            return new RawValue.Scalar("", true, source);
        } catch (YAMLException e) {
            problems.add(source, key, "invalid YAML: " + e.getMessage());
            return new RawValue.Scalar("", true, source);
        }
        return root == null ? new RawValue.Scalar("", true, source.atLine(1)) : convert(root, key);
    }

    private static String reason(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem()).strip();
        String context = e.getContext();
        if (context == null) {
            return problem;
        }
        if (problem.startsWith("but ")) {
            return context.strip() + " " + problem;
        }
        Mark contextMark = e.getContextMark();
        return problem + " (" + context.strip() + (contextMark == null ? "" : " at line " + (contextMark.getLine() + 1))
                + ")";
    }

    private Origin at(@Nullable Mark mark) {
        return mark == null ? source : source.atLine(mark.getLine() + 1);
    }

    /**
     * The most values one document may expand to. Aliases share nodes, so a tiny file can stand for
     * an exponentially large tree ("billion laughs"); a real config has a few hundred values.
     */
    static final int MAX_VALUES = 100_000;

    private int converted;
    private boolean overBudget;

    private RawValue convert(Node node, String path) {
        Origin origin = at(node.getStartMark());
        if (++converted > MAX_VALUES) {
            if (!overBudget) {
                overBudget = true;
                problems.add(
                        origin,
                        path,
                        "the document expands to more than " + MAX_VALUES
                                + " values (aliases repeated inside aliases?); a configuration is much smaller");
            }
            return new RawValue.Scalar("", true, origin);
        }
        if (!inProgress.add(node)) {
            problems.add(origin, path, "an alias refers to a value that contains it; recursive values are not allowed");
            return new RawValue.Scalar("", true, origin);
        }
        try {
            return switch (node) {
                case ScalarNode s ->
                    new RawValue.Scalar(s.getValue(), s.getTag().equals(Tag.NULL), origin);
                case SequenceNode seq -> {
                    List<RawValue> items = new ArrayList<>();
                    for (Node item : seq.getValue()) {
                        items.add(convert(item, path + "[" + items.size() + "]"));
                    }
                    yield new RawValue.Sequence(items, origin);
                }
                case MappingNode m -> convertMapping(m, path, origin);
                default -> throw new IllegalStateException("unexpected YAML node " + node.getNodeId());
            };
        } finally {
            inProgress.remove(node);
        }
    }

    private RawValue.Mapping convertMapping(MappingNode node, String path, Origin origin) {
        Map<String, RawValue.Entry> explicit = new LinkedHashMap<>();
        Map<String, RawValue.Entry> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Origin keyOrigin = at(keyNode.getStartMark());
            if (keyNode.getTag().equals(Tag.MERGE)) {
                mergeInto(merged, tuple.getValueNode(), path, keyOrigin);
                continue;
            }
            if (!(keyNode instanceof ScalarNode k)
                    || k.getTag().equals(Tag.NULL)
                    || k.getValue().isBlank()) {
                problems.add(
                        keyOrigin, path, "keys must be words like 'port', got " + keyNode.getNodeId() + " as a key");
                continue;
            }
            String childPath = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
            RawValue.Entry previous = explicit.get(k.getValue());
            if (previous != null) {
                problems.add(
                        keyOrigin,
                        childPath,
                        "duplicate key; it is also set on line "
                                + previous.keyOrigin().line() + " (this later value would win)");
            }
            explicit.put(k.getValue(), new RawValue.Entry(keyOrigin, convert(tuple.getValueNode(), childPath)));
        }
        merged.putAll(explicit);
        return new RawValue.Mapping(merged, origin);
    }

    /** {@code <<: *anchor} or {@code <<: [*a, *b]}: keys not given explicitly come from the merged mappings, earlier ones first. */
    private void mergeInto(Map<String, RawValue.Entry> merged, Node value, String path, Origin keyOrigin) {
        List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        for (Node source : sources) {
            if (convert(source, path) instanceof RawValue.Mapping m) {
                m.entries().forEach(merged::putIfAbsent);
            } else {
                problems.add(keyOrigin, path, "a merge key '<<' needs a mapping or a list of mappings");
            }
        }
    }
}
