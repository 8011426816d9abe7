package org.l96.run;

import java.util.List;

/**
 * One unit of work of an experiment (simulate, train a network, evaluate, draw a chart …). A stage declares what it
 * reads (other stages, by name) and what of the spec it depends on; its cache key is the hash of those, of its
 * inputs' keys and of the tool version, so it reruns exactly when something it depends on changed.
 */
public interface Stage {

    /** A name that says what it does, unique in the plan: {@code simulate}, {@code train-ann}, … */
    String name();

    /** The stages whose outputs this one reads. */
    List<String> inputs();

    /** The part of the spec this stage depends on, as anything Jackson can serialize. */
    Object keyMaterial();

    /**
     * Where the top-level fields of {@link #keyMaterial()} come from in the spec, as the dotted paths {@code --set}
     * takes ({@code "spec" → "networks.ann"}; {@code ""} for the whole spec), so that {@code l96 plan} names a
     * changed field by its spec path. A field not listed is the stage's own (its name, a format version).
     */
    default java.util.Map<String, String> keyMaterialPaths() {
        return java.util.Map.of();
    }

    /** Does the work, writing every output into {@link StageContext#dir()}. */
    void run(StageContext ctx) throws Exception;

    /**
     * Start-up work that needs no inputs and writes nothing (loading a native library, starting the graphics
     * toolkit), which the runner does ahead on an idle core while earlier stages run. Idempotent, safe alongside
     * {@link #run}; failures are ignored (the stage meets them again when it runs).
     */
    default void prepare() throws Exception {
    }

    /**
     * Whether what the stage wrote before an interruption is worth keeping (a training stopped by Ctrl-C leaves its
     * best network so far). Kept output goes to {@code <experiment>/interrupted/<stage>/}, never to the stage's own
     * folder, so it is not mistaken for a finished result and the next run computes the stage again.
     */
    default boolean keepsInterruptedOutput() {
        return false;
    }

    /**
     * Whether the stage runs even when some of its inputs failed or were skipped (the report: one chart that failed
     * must not take the page with the figures that were drawn). Such a stage learns which inputs are missing from
     * {@link StageContext#failedInputs()}, and is run again, not reused, while an input is being recomputed.
     */
    default boolean runsDespiteFailedInputs() {
        return false;
    }
}
