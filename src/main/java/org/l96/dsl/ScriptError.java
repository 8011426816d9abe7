package org.l96.dsl;

/**
 * One mistake in an experiment script (or in a {@code --set} argument, then {@code file} is
 * {@code "--set PATH=VALUE"} and {@code line} is 0): 1-based line and column, a message and the source line.
 */
public record ScriptError(String file, int line, int column, String message, String sourceLine) {

    static ScriptError override(String setArgument, String message) {
        return new ScriptError("--set " + setArgument, 0, 0, message, null);
    }

    /**
     * {@code FILE:LINE:COLUMN: message}, then the source line and a caret under the column; errors without a
     * position print as {@code FILE: message}.
     */
    public String format() {
        if (line <= 0) {
            // a mistake of an option (--set …) reads as the tool's other option errors do
            return (file != null && file.startsWith("--") ? "l96: " : "") + file + ": " + message;
        }
        StringBuilder out = new StringBuilder()
                .append(file).append(':').append(line).append(':').append(column).append(": ").append(message);
        if (sourceLine != null) {
            out.append('\n').append("    ").append(sourceLine).append('\n').append("    ");
            // copy tabs so that the caret lines up whatever the tab width
            for (int i = 0; i < column - 1 && i < sourceLine.length(); i++) {
                out.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
            }
            out.append('^');
        }
        return out.toString();
    }
}
