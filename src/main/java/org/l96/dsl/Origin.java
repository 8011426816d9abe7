package org.l96.dsl;

/**
 * Where a spec value came from: a script position (1-based line and column) or a {@code --set PATH=VALUE}
 * argument. Java-builder values have no origin.
 */
record Origin(int line, int column, String setArgument) {

    static Origin at(int line, int column) {
        return new Origin(line, column, null);
    }

    static Origin override(String setArgument) {
        return new Origin(0, 0, setArgument);
    }

    boolean isOverride() {
        return setArgument != null;
    }
}
