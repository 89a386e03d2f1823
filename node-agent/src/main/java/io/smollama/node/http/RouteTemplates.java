package io.smollama.node.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Maps a request path to the API's path template ({@code /api/readings/system:load_1m/history} →
 * {@code /api/readings/{sourceId}/history}), so metrics label requests by route without one series per id.
 * A {@code {name}} segment matches any one non-empty segment of the raw (still percent-encoded) path; when
 * several templates match, the one with the most literal segments wins.
 */
final class RouteTemplates {

    private record Template(String text, String[] segments, int literals) {}

    private final List<Template> templates = new ArrayList<>();

    RouteTemplates(List<String> paths) {
        for (String p : paths) {
            String[] segments = p.split("/", -1);
            int literals = 0;
            for (String s : segments) {
                if (!isParameter(s)) {
                    literals++;
                }
            }
            templates.add(new Template(p, segments, literals));
        }
        templates.sort(Comparator.comparingInt(Template::literals).reversed());
    }

    /** The template that {@code rawPath} matches, if any. */
    Optional<String> match(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        for (Template t : templates) {
            if (matches(t.segments(), segments)) {
                return Optional.of(t.text());
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String[] template, String[] path) {
        if (template.length != path.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean ok = isParameter(template[i]) ? !path[i].isEmpty() : template[i].equals(path[i]);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }
}
