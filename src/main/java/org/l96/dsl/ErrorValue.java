package org.l96.dsl;

/**
 * Stands in for a word that was already reported as an error (an unknown word, or a word used without its value),
 * so that the statement around it neither fails again nor reports the same mistake twice. Arithmetic on it gives
 * itself: {@code start -1} is read by Groovy as {@code start.minus(1)}.
 */
public final class ErrorValue {
    static final ErrorValue INSTANCE = new ErrorValue();

    private ErrorValue() {
    }

    public ErrorValue plus(Object other) {
        return this;
    }

    public ErrorValue minus(Object other) {
        return this;
    }

    public ErrorValue multiply(Object other) {
        return this;
    }

    public ErrorValue div(Object other) {
        return this;
    }

    public ErrorValue negative() {
        return this;
    }

    public ErrorValue call(Object... args) {
        return this;
    }

    @Override
    public String toString() {
        return "<error>";
    }
}
