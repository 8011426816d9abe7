package org.l96.run;

/**
 * A failure caused by the user's input (a script, an option, a file) rather than by the tool: it is reported as
 * one clear message, never as a stack trace, and the command exits with code 2.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
