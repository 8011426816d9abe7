package org.l96.dsl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Finds the block a script left open. Groovy's parser only notices a missing '}' at the end of the file and reports
 * it there; this scan pairs the braces itself (skipping strings and comments) and names the '{' that was never
 * closed.
 *
 * <p>Which '{' lacks its '}' is ambiguous from the braces alone ({@code a { b { } } } with one '}' missing pairs the
 * last '}' with {@code b}'s '{'), so the scan uses indentation as a person reads it: a '}' that starts a line less
 * indented than the line of the '{' it would close means that '{' was left open. Without such a hint the innermost
 * '{' still open at the end is named.
 */
final class Braces {
    private Braces() {
    }

    /** Where a brace is: 1-based line and column. */
    record Open(int line, int column) {
    }

    private record Opener(int line, int column, int indent) {
    }

    /** The '{' left open, if the script has more '{' than '}' outside strings and comments. */
    static Optional<Open> unclosed(List<String> lines) {
        return scan(lines, false);
    }

    /** The first '}' that closes no block, if there is one. */
    static Optional<Open> extraClose(List<String> lines) {
        return scan(lines, true);
    }

    private static Optional<Open> scan(List<String> lines, boolean extraClose) {
        Deque<Opener> stack = new ArrayDeque<>();
        Opener suspect = null;
        boolean blockComment = false;
        String openString = null; // the quote that opened a string spanning lines (''' or """)
        for (int ln = 0; ln < lines.size(); ln++) {
            String s = lines.get(ln);
            int indent = indentOf(s);
            int i = 0;
            while (i < s.length()) {
                if (blockComment) {
                    int end = s.indexOf("*/", i);
                    if (end < 0) {
                        i = s.length();
                    } else {
                        blockComment = false;
                        i = end + 2;
                    }
                    continue;
                }
                if (openString != null) {
                    int end = closing(s, i, openString);
                    if (end < 0) {
                        i = s.length();
                    } else {
                        openString = null;
                        i = end;
                    }
                    continue;
                }
                char c = s.charAt(i);
                if (s.startsWith("//", i)) {
                    break;
                } else if (s.startsWith("/*", i)) {
                    blockComment = true;
                    i += 2;
                } else if (s.startsWith("'''", i) || s.startsWith("\"\"\"", i)) {
                    openString = s.substring(i, i + 3);
                    i += 3;
                } else if (c == '\'' || c == '"') {
                    int end = closing(s, i + 1, String.valueOf(c));
                    i = end < 0 ? s.length() : end; // a plain string cannot span lines; Groovy reports that itself
                } else if (c == '{') {
                    stack.push(new Opener(ln + 1, i + 1, indent));
                    i++;
                } else if (c == '}') {
                    Opener top = stack.poll();
                    if (top == null && extraClose) {
                        return Optional.of(new Open(ln + 1, i + 1));
                    }
                    if (top != null && suspect == null && i == indent && indent < top.indent()) {
                        suspect = top; // this '}' closes an outer block; the one it would pair with was left open
                    }
                    i++;
                } else {
                    i++;
                }
            }
        }
        if (stack.isEmpty() || extraClose) {
            return Optional.empty();
        }
        Opener open = suspect != null ? suspect : stack.peek();
        return Optional.of(new Open(open.line(), open.column()));
    }

    /** The index just past the closing {@code quote} from {@code from}, skipping backslash escapes; -1 if none. */
    private static int closing(String s, int from, String quote) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '\\') {
                i += 2;
            } else if (s.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int indentOf(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
