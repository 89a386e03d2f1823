package io.smollama.node.docs;

/** Text from the code put into generated Markdown so that it shows as written. */
public final class Markdown {

    private Markdown() {}

    /**
     * Prose: {@code <} and {@code >} outside code spans become entities, so {@code <token>} is shown rather
     * than taken for an HTML tag.
     */
    public static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        boolean code = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (!code && c == '<') {
                out.append("&lt;");
            } else if (!code && c == '>') {
                out.append("&gt;");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A table cell: prose on one line, with {@code |} escaped. */
    public static String cell(String s) {
        return text(s.strip().replace("\r", "").replace('\n', ' ')).replace("|", "\\|");
    }
}
