package io.smollama.node.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/**
 * The API reference (docs/api.md), written from the OpenAPI document the node serves at {@code /openapi}:
 * every path and method with its summary, who may call it, parameters, request body and responses, then
 * the schemas. Generated, so the reference says what the served document says.
 */
public final class ApiReference {

    /** Where the document lives in the jar (and, under src/main/resources, in the source tree). */
    public static final String DOCUMENT = "/io/smollama/node/http/openapi.yaml";

    /** The command that rewrites docs/api.md, named in the document and in its test. */
    public static final String REGENERATE = "scripts/gen-docs.sh";

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private ApiReference() {}

    /** The reference for the bundled openapi.yaml. */
    public static String markdown() {
        try (InputStream in = ApiReference.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the node-agent jar");
            }
            return markdown(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference for an OpenAPI 3 document given as YAML (or JSON) text. */
    public static String markdown(String openApiYaml) {
        Map<String, Object> doc = map(new Yaml().load(openApiYaml));
        Map<String, Object> info = map(doc.get("info"));
        StringBuilder out = new StringBuilder();
        out.append("# API reference\n\n");
        out.append("<!-- Generated from node-agent/src/main/resources")
                .append(DOCUMENT)
                .append(" by `smollama-node docs api`.\n     Do not edit: run ")
                .append(REGENERATE)
                .append(". -->\n\n");
        out.append(text(info.get("title")))
                .append(", version ")
                .append(text(info.get("version")))
                .append(".\n\n");
        out.append(Markdown.text(text(info.get("description")).strip())).append("\n\n");
        out.append("""
                **Who may call what.** *open*: anyone; *read*: anyone while `http.open_reads` is true (the
                default), else the token; *token*: always `Authorization: Bearer <token>`. The token is
                `http.token`, or the one generated into `<storage.path>/api-token`. A running node serves this
                document at `GET /openapi` (`?format=json` for JSON).

                """);
        Map<String, Object> paths = map(doc.get("paths"));
        out.append("| method | path | who | summary |\n|---|---|---|---|\n");
        paths.forEach((path, item) -> operations(map(item)).forEach((method, op) -> out.append("| ")
                .append(method.toUpperCase(Locale.ROOT))
                .append(" | [`")
                .append(path)
                .append("`](#")
                .append(anchor(method + " " + path))
                .append(") | ")
                .append(who(method, op))
                .append(" | ")
                .append(cell(firstSentence(text(op.get("summary")))))
                .append(" |\n")));
        out.append('\n');
        paths.forEach((path, item) -> operations(map(item)).forEach((method, op) -> operation(out, path, method, op)));
        Map<String, Object> schemas = map(map(doc.get("components")).get("schemas"));
        if (!schemas.isEmpty()) {
            out.append("## Schemas\n\n");
            schemas.forEach((name, schema) -> {
                out.append("### ").append(name).append("\n\n");
                Map<String, Object> s = map(schema);
                if (s.get("description") != null) {
                    out.append(Markdown.text(text(s.get("description")).strip()))
                            .append("\n\n");
                }
                properties(out, s);
            });
        }
        return out.toString();
    }

    private static Map<String, Map<String, Object>> operations(Map<String, Object> item) {
        Map<String, Map<String, Object>> ops = new LinkedHashMap<>();
        for (String m : METHODS) {
            if (item.get(m) != null) {
                ops.put(m, map(item.get(m)));
            }
        }
        return ops;
    }

    private static void operation(StringBuilder out, String path, String method, Map<String, Object> op) {
        out.append("## ")
                .append(method.toUpperCase(Locale.ROOT))
                .append(' ')
                .append(path)
                .append("\n\n");
        out.append(Markdown.text(text(op.get("summary")).strip())).append("\n\n");
        out.append("Who: ").append(who(method, op)).append(".\n\n");
        List<Map<String, Object>> params = new ArrayList<>();
        for (Object p : list(op.get("parameters"))) {
            params.add(map(p));
        }
        if (!params.isEmpty()) {
            out.append("| parameter | in | type | required | description |\n|---|---|---|---|---|\n");
            for (Map<String, Object> p : params) {
                String description = text(p.get("description"));
                if (p.get("example") != null) {
                    description += (description.isEmpty() ? "" : "; ") + "example `" + text(p.get("example")) + "`";
                }
                out.append("| `")
                        .append(text(p.get("name")))
                        .append("` | ")
                        .append(text(p.get("in")))
                        .append(" | ")
                        .append(cell(type(map(p.get("schema")))))
                        .append(" | ")
                        .append(Boolean.TRUE.equals(p.get("required")) ? "yes" : "no")
                        .append(" | ")
                        .append(cell(description))
                        .append(" |\n");
            }
            out.append('\n');
        }
        Map<String, Object> body = map(op.get("requestBody"));
        if (!body.isEmpty()) {
            out.append("Request body")
                    .append(Boolean.TRUE.equals(body.get("required")) ? " (required)" : "")
                    .append(": ")
                    .append(content(map(body.get("content"))))
                    .append(".\n\n");
        }
        Map<String, Object> responses = map(op.get("responses"));
        if (!responses.isEmpty()) {
            out.append("| status | meaning | body |\n|---|---|---|\n");
            responses.forEach((status, r) -> {
                Map<String, Object> response = map(r);
                out.append("| ")
                        .append(status)
                        .append(" | ")
                        .append(cell(text(response.get("description"))))
                        .append(" | ")
                        .append(cell(content(map(response.get("content")))))
                        .append(" |\n");
            });
            out.append('\n');
        }
    }

    /**
     * Who may call an operation: {@code x-auth} (open, read or token) when the document says it, else
     * {@code security: []} is open, a security requirement needs the token, a GET is a read.
     */
    private static String who(String method, Map<String, Object> op) {
        if (op.get("x-auth") != null) {
            return text(op.get("x-auth"));
        }
        Object security = op.get("security");
        if (security instanceof List<?> l && l.isEmpty()) {
            return "open";
        }
        if (security != null) {
            return "token";
        }
        return method.equals("get") ? "read" : "token";
    }

    private static String content(Map<String, Object> content) {
        if (content.isEmpty()) {
            return "";
        }
        return content.entrySet().stream()
                .map(e -> "`" + e.getKey() + "`"
                        + (map(map(e.getValue()).get("schema")).isEmpty()
                                ? ""
                                : " " + type(map(map(e.getValue()).get("schema")))))
                .collect(Collectors.joining("; "));
    }

    private static void properties(StringBuilder out, Map<String, Object> schema) {
        Map<String, Object> props = map(schema.get("properties"));
        if (props.isEmpty()) {
            out.append("Type: ").append(type(schema)).append(".\n\n");
            return;
        }
        List<?> required = list(schema.get("required"));
        out.append("| field | type | description |\n|---|---|---|\n");
        props.forEach((name, p) -> {
            Map<String, Object> prop = map(p);
            out.append("| `")
                    .append(name)
                    .append('`')
                    .append(required.contains(name) ? " (required)" : "")
                    .append(" | ")
                    .append(cell(type(prop)))
                    .append(" | ")
                    .append(cell(text(prop.get("description"))))
                    .append(" |\n");
        });
        out.append('\n');
    }

    /** A schema in a few words: a link to a named schema, {@code array of …}, a type with its limits. */
    static String type(Map<String, Object> schema) {
        if (schema.isEmpty()) {
            return "";
        }
        Object ref = schema.get("$ref");
        if (ref != null) {
            String name = text(ref).substring(text(ref).lastIndexOf('/') + 1);
            return "[" + name + "](#" + anchor(name) + ")";
        }
        String type = text(schema.get("type"));
        StringBuilder t = new StringBuilder();
        if (type.equals("array")) {
            t.append("array of ").append(type(map(schema.get("items"))));
        } else if (type.equals("object") && !map(schema.get("properties")).isEmpty()) {
            t.append("object {")
                    .append(map(schema.get("properties")).entrySet().stream()
                            .map(e -> e.getKey() + ": " + type(map(e.getValue())))
                            .collect(Collectors.joining(", ")))
                    .append('}');
        } else {
            t.append(type.isEmpty() ? "any" : type);
            if (schema.get("format") != null) {
                t.append(" (").append(text(schema.get("format"))).append(')');
            }
        }
        if (schema.get("enum") != null) {
            t.append(": ")
                    .append(list(schema.get("enum")).stream()
                            .map(ApiReference::text)
                            .collect(Collectors.joining(", ")));
        }
        List<String> limits = new ArrayList<>();
        if (schema.get("minimum") != null) {
            limits.add("min " + text(schema.get("minimum")));
        }
        if (schema.get("maximum") != null) {
            limits.add("max " + text(schema.get("maximum")));
        }
        if (schema.get("default") != null) {
            limits.add("default " + text(schema.get("default")));
        }
        if (Boolean.TRUE.equals(schema.get("nullable"))) {
            limits.add("nullable");
        }
        if (!limits.isEmpty()) {
            t.append(" (").append(String.join(", ", limits)).append(')');
        }
        return t.toString();
    }

    /** GitHub's heading anchor: lower case, punctuation but - and _ dropped, spaces to -. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    /** Up to the first full stop that ends a sentence (followed by a capital letter). */
    private static String firstSentence(String text) {
        String t = text.strip().replace('\n', ' ');
        for (int dot = t.indexOf(". "); dot > 0; dot = t.indexOf(". ", dot + 1)) {
            if (dot + 2 < t.length() && Character.isUpperCase(t.charAt(dot + 2))) {
                return t.substring(0, dot + 1);
            }
        }
        return t;
    }

    private static String cell(String text) {
        return Markdown.cell(text);
    }

    private static String text(@Nullable Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(@Nullable Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(@Nullable Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
