package org.l96.dsl;

import java.util.List;
import java.util.stream.Collectors;

/** An experiment script that cannot become a valid spec, with every mistake found (not only the first). */
public class ScriptException extends RuntimeException {
    private final List<ScriptError> errors;

    public ScriptException(List<ScriptError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ScriptError> errors() {
        return errors;
    }

    /** Every error as {@link ScriptError#format()}, then a count. */
    public String format() {
        return format(errors);
    }

    private static String format(List<ScriptError> errors) {
        return errors.stream().map(ScriptError::format).collect(Collectors.joining("\n"))
                + "\n" + errors.size() + (errors.size() == 1 ? " error" : " errors");
    }
}
