package org.l96.sweep;

import java.nio.file.Path;

/**
 * Where a sweep's files go: {@code <out>/<sweep>/} holds {@code plan.json}, {@code points/<id>/} (each a normal
 * experiment folder with its manifest.json), {@code status/<id>.json} (one per finished point), {@code logs/},
 * {@code points.json}, {@code summary.csv}, {@code summary.json}, {@code figures/} and {@code report.html}; stages
 * shared between points (and between sweeps in the same output folder) live in {@code <out>/.cache/}.
 */
public record SweepLayout(Path dir, Path cache) {

    public static SweepLayout of(Path out, String sweepName) {
        Path o = out.toAbsolutePath().normalize();
        return new SweepLayout(o.resolve(sweepName), o.resolve(".cache"));
    }

    /** The layout of an existing sweep folder (for --collect). */
    public static SweepLayout ofSweepDir(Path sweepDir) {
        Path d = sweepDir.toAbsolutePath().normalize();
        return new SweepLayout(d, d.getParent().resolve(".cache"));
    }

    public Path plan() {
        return dir.resolve(SweepPlan.FILE);
    }

    public Path points() {
        return dir.resolve("points");
    }

    public Path point(String id) {
        return points().resolve(id);
    }

    public Path status(String id) {
        return dir.resolve("status").resolve(id + ".json");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path log(String id) {
        return logs().resolve(id + ".log");
    }
}
