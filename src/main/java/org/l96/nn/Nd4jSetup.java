package org.l96.nn;

/**
 * JVM settings for ND4J that must be in place before its native layer (JavaCPP) initializes; called from the static
 * initializers of the classes that first touch ND4J, so it normally runs in time. A launcher may also pass the
 * properties on the command line (they win).
 *
 * <p>{@code org.bytedeco.javacpp.maxPhysicalBytes=0}: JavaCPP otherwise measures the process's physical memory each
 * time a native pointer is registered, which for this project's tiny arrays is about a quarter of the cost of a
 * training step (1024×8 batch, 8-16-16-8 network: ~1.4 ms instead of ~2 ms). Native memory stays bounded by
 * {@code org.bytedeco.javacpp.maxBytes} (the heap size by default) and DL4J's workspaces.
 */
public final class Nd4jSetup {
    private Nd4jSetup() {
    }

    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    /** Sets the properties not already set. Idempotent; effective only before ND4J's first use in the JVM. */
    public static void configure() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }

    /** Loads ND4J's native backend now (0.5–3 s the first time in a JVM) so that the first training does not wait. */
    public static void warmUp() {
        configure();
        org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1).addi(1);
    }
}
