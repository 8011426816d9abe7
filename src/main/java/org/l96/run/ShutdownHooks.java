package org.l96.run;

/** The hooks that say what Ctrl-C or SIGTERM kept while a command works, removed when the work is done. */
public final class ShutdownHooks {
    private ShutdownHooks() {
    }

    /** Removes {@code hook}; when the JVM is already stopping, the hook runs and there is nothing to remove. */
    public static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the hook runs, and the JVM exits after it
        }
    }
}
