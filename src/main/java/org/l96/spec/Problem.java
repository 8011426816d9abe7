package org.l96.spec;

/** One thing wrong with a spec: where (a dotted path as {@code l96 spec} prints it) and what, with the rule. */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
