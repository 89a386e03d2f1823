package io.smollama.node.config;

import io.smollama.node.docs.Markdown;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The configuration reference (docs/configuration.md), written from the schema itself: every key with its
 * type, default, allowed values, environment variable and description, so the document cannot drift from
 * what the loader accepts. Plugin sections come from the plugins' own schemas.
 */
public final class ConfigReference {

    /** The command that rewrites docs/configuration.md, named in the document and in its test. */
    public static final String REGENERATE = "scripts/gen-docs.sh";

    private ConfigReference() {}

    /** The reference for {@code root} (from {@link NodeSchema#root}) as Markdown. */
    public static String markdown(ConfigSpec root) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n");
        out.append("<!-- Generated from the config schema (NodeSchema and the built-in plugins' schemas) by\n")
                .append("     `smollama-node docs config`. Do not edit: run ")
                .append(REGENERATE)
                .append(". -->\n\n");
        out.append("""
                The node-agent reads `smollama.yaml` from `-c PATH`, else `./smollama.yaml`, else
                `~/.smollama/smollama.yaml`, then a `smollama.local.yaml` beside it, then environment variables, and runs on the defaults below for
                anything not set. `smollama-node config check` prints every effective value and where it came
                from (file and line, environment variable, or default), with secrets masked; an invalid file
                stops the agent with every problem listed (exit code 3).

                **Environment variables.** Every key has one, named from its path: `http.port` →
                `SMOLLAMA_HTTP_PORT`, `plugins.gpio.provider` → `SMOLLAMA_PLUGINS_GPIO_PROVIDER`. Strings
                and choices take the variable's text as it is; other types read it as a YAML value (lists as
                `[a, b]` or `[{pin: 17, mode: input}]`). An empty variable changes nothing; a `SMOLLAMA_…`
                variable that names no key is a warning.

                **Durations** are written `500ms`, `30s`, `15m`, `2h`, `90d` or ISO-8601 (`PT30S`).
                **Secrets** (marked *secret*) are never shown by `config check`, logs or the API.

                """);
        for (ConfigSpec.Field section : root.fields().values()) {
            section(out, section, section.name(), "##");
        }
        return out.toString();
    }

    private static void section(StringBuilder out, ConfigSpec.Field section, String path, String heading) {
        out.append(heading).append(" `").append(path).append("`\n\n");
        out.append(Markdown.text(section.doc())).append(".\n\n");
        if (!(section.type() instanceof ConfigSpec.ObjectType object)) {
            return;
        }
        List<ConfigSpec.Field> keys = new ArrayList<>();
        List<ConfigSpec.Field> subsections = new ArrayList<>();
        for (ConfigSpec.Field f : object.spec().fields().values()) {
            (f.type() instanceof ConfigSpec.ObjectType ? subsections : keys).add(f);
        }
        if (!keys.isEmpty()) {
            table(out, object.spec(), keys, path, true);
        }
        subsections.sort((a, b) -> a.name().compareTo(b.name()));
        for (ConfigSpec.Field sub : subsections) {
            section(out, sub, path + "." + sub.name(), heading + "#");
        }
    }

    private static void table(
            StringBuilder out, ConfigSpec spec, List<ConfigSpec.Field> fields, String path, boolean env) {
        out.append(
                env
                        ? "| key | type | default | allowed | env | description |\n"
                        : "| key | type | default | allowed | description |\n");
        out.append(env ? "|---|---|---|---|---|---|\n" : "|---|---|---|---|---|\n");
        List<ConfigSpec.Field> elementLists = new ArrayList<>();
        for (ConfigSpec.Field f : fields) {
            String key = path + "." + f.name();
            out.append("| `").append(key).append("` | ");
            out.append(type(f)).append(" | ");
            out.append(cell(defaultValue(f))).append(" | ");
            out.append(cell(allowed(f.type()))).append(" | ");
            if (env) {
                out.append('`').append(EnvOverrides.variableFor(key)).append("` | ");
            }
            out.append(cell(f.doc())).append(" |\n");
            if (f.type() instanceof ConfigSpec.ObjectListType) {
                elementLists.add(f);
            }
        }
        out.append('\n');
        for (ConfigSpec.Field list : elementLists) {
            ConfigSpec element = ((ConfigSpec.ObjectListType) list.type()).element();
            String key = path + "." + list.name();
            out.append("Each element of `")
                    .append(key)
                    .append("` (set the whole list with `")
                    .append(EnvOverrides.variableFor(key))
                    .append("`):\n\n");
            table(out, element, List.copyOf(element.fields().values()), key + "[]", false);
        }
    }

    private static String type(ConfigSpec.Field f) {
        String t =
                switch (f.type()) {
                    case ConfigSpec.StringType s -> "string";
                    case ConfigSpec.IntType i -> "integer";
                    case ConfigSpec.DecimalType d -> "number";
                    case ConfigSpec.BoolType b -> "boolean";
                    case ConfigSpec.DurationType d -> "duration";
                    case ConfigSpec.EnumType e -> "choice";
                    case ConfigSpec.StringListType l -> "list of strings";
                    case ConfigSpec.ObjectListType l -> "list of objects";
                    case ConfigSpec.ObjectType o -> "object";
                };
        return f.secret() ? t + ", *secret*" : t;
    }

    private static String allowed(ConfigSpec.Type type) {
        return switch (type) {
            case ConfigSpec.StringType s ->
                s.describedAs() != null ? s.describedAs() : s.allowEmpty() ? "" : "not empty";
            case ConfigSpec.IntType i -> i.min() + " … " + i.max();
            case ConfigSpec.DecimalType d -> number(d.min()) + " … " + number(d.max());
            case ConfigSpec.BoolType b -> "`true`, `false`";
            case ConfigSpec.DurationType d -> Durations.format(d.min()) + " … " + Durations.format(d.max());
            case ConfigSpec.EnumType e ->
                e.values().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "))
                        + (e.aliases().isEmpty()
                                ? ""
                                : " (aliases: "
                                        + e.aliases().entrySet().stream()
                                                .sorted(Map.Entry.comparingByKey())
                                                .map(a -> "`" + a.getKey() + "` = `" + a.getValue() + "`")
                                                .collect(Collectors.joining(", "))
                                        + ")");
            case ConfigSpec.StringListType l -> "";
            case ConfigSpec.ObjectListType l -> "see below";
            case ConfigSpec.ObjectType o -> "";
        };
    }

    private static String defaultValue(ConfigSpec.Field f) {
        return value(f.defaultValue());
    }

    private static String value(@Nullable Object v) {
        return switch (v) {
            case null -> "—";
            case String s -> "`\"" + s + "\"`";
            case Duration d -> "`" + Durations.format(d) + "`";
            case Double d -> "`" + number(d) + "`";
            case List<?> l -> "`[" + l.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]`";
            default -> "`" + String.valueOf(v).toLowerCase(Locale.ROOT) + "`";
        };
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String cell(String text) {
        return Markdown.cell(text);
    }
}
