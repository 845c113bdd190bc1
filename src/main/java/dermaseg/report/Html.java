package dermaseg.report;

/**
 * Text for HTML. Everything the report prints that came from data (ids, URIs, reason codes,
 * error messages) goes through {@link #escape}; image ids are file names chosen by whoever
 * filled a bucket, and may hold markup.
 */
public final class Html {
    private Html() {
    }

    /**
     * {@code s} safe as element text and as a double- or single-quoted attribute value: the five
     * characters with a meaning in markup become the entities every HTML and XML parser knows.
     */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0 at all; show them, do not drop them.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
