package dev.todo.backend.web;

/**
 * Text rules the server and its OpenAPI document share, so that a value the document allows is one
 * the server takes, and the reverse. White space is the explicit list {@link #SPACE} (Unicode white
 * space and the separators U+001C-U+001F): the document's patterns name these characters instead of
 * {@code \s}, whose meaning differs between Java, Python (schemathesis, and the generator it uses
 * disagrees with Python's own {@code re} on U+001C) and JavaScript. Lengths are counted in characters
 * (code points), as JSON Schema's {@code maxLength} counts them, not in UTF-16 units.
 */
public final class Text {

    /** The white space characters, as the inside of a regular expression's character class. */
    public static final String SPACE = "\\t\\n\\x0B\\f\\r \\x1C-\\x1F\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
    /**
     * Text without the NUL character, which PostgreSQL cannot store (it answered 503 to it): every
     * text field the server stores or searches for says so in the document, and the server refuses it.
     */
    public static final String NO_NUL = "^[^\\x00]*$";
    /** Text without NUL that has a character besides white space: the document's way of saying not blank. */
    public static final String NOT_BLANK = "^[^\\x00]*[^\\x00" + SPACE + "][^\\x00]*$";

    private Text() {
    }

    /** Whether {@code cp} is one of {@link #SPACE} (TextTest holds the two to each other). */
    public static boolean isSpace(int cp) {
        return cp >= 0x09 && cp <= 0x0D || cp == ' ' || cp >= 0x1C && cp <= 0x1F || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || cp >= 0x2000 && cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** A 400 naming {@code field} when {@code s} holds the NUL character (see {@link #NO_NUL}). */
    public static void refuseNul(String field, String s) {
        if (s != null && s.indexOf('\0') >= 0) {
            throw ApiException.badRequest(field, field + " cannot contain the NUL character (U+0000)");
        }
    }

    public static boolean isBlank(String s) {
        return s == null || s.codePoints().allMatch(Text::isSpace);
    }

    /** {@code s} without leading and trailing white space. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** The length JSON Schema's maxLength and minLength count: characters, not UTF-16 units. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
