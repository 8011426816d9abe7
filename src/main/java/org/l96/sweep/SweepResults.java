package org.l96.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.l96.run.AtomicFiles;
import org.l96.run.MetricsJson;
import org.l96.run.stages.EvaluationOutputs;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Gathers a sweep's points into {@code points.json}, {@code summary.json} and {@code summary.csv}: one row per point
 * with the varied values, the repetition and seed, the status ({@code ok}, {@code failed} with its error, or
 * {@code pending} when the point has not finished), the seconds, and every scalar headline metric of the point's
 * manifest flattened to a dotted name ({@code networks.ann.finalValLoss}).
 */
public final class SweepResults {
    public static final String PENDING = "pending";
    private static final ObjectMapper JSON = SpecJson.mapper();

    private SweepResults() {
    }

    /** One row of the summary. */
    public record Row(String point, Map<String, String> values, int repetition, long seed, String status,
                      String error, double seconds, Map<String, Object> metrics) {
    }

    public record Summary(SweepPlan plan, List<Row> rows, List<String> metricNames) {
        public long count(String status) {
            return rows.stream().filter(r -> status.equals(r.status())).count();
        }

        /** The points that finished ok although a training in them diverged (as {@code l96 run} warns of). */
        public long countDiverged() {
            return rows.stream().filter(r -> PointStatus.OK.equals(r.status()) && !diverged(r.metrics()).isEmpty())
                    .count();
        }
    }

    /**
     * The networks whose training diverged, from a point's flattened metrics ({@code networks.<net>.diverged} true,
     * or, in older records, {@code networks.<net>.stopReason} DIVERGED); empty when none did.
     */
    public static List<String> diverged(Map<String, Object> metrics) {
        TreeSet<String> nets = new TreeSet<>();
        metrics.forEach((k, v) -> {
            String[] parts = k.split("\\.");
            if (parts.length == 3 && "networks".equals(parts[0])
                    && ((org.l96.run.stages.TrainOutputs.DIVERGED.equals(parts[2]) && "true".equals(String.valueOf(v)))
                    || (org.l96.run.stages.TrainOutputs.STOP_REASON.equals(parts[2])
                    && "DIVERGED".equals(String.valueOf(v))))) {
                nets.add(parts[1]);
            }
        });
        return List.copyOf(nets);
    }

    /** {@link #diverged(Map)} of the point {@code id}'s manifest; empty when it has none or it cannot be read. */
    public static List<String> diverged(SweepLayout layout, String id) {
        Path manifest = layout.point(id).resolve(org.l96.run.Runner.MANIFEST);
        try {
            JsonNode m = Files.isRegularFile(manifest) ? JSON.readTree(manifest.toFile()).get("metrics") : null;
            if (m == null) {
                return List.of();
            }
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten("", m, flat);
            return diverged(flat);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** "⚠ diverged (network 'ann')", or "" when no training diverged. */
    public static String divergedNote(List<String> nets) {
        return nets.isEmpty() ? "" : "⚠ diverged (network" + (nets.size() == 1 ? " " : "s ")
                + String.join(", ", nets.stream().map(n -> "'" + n + "'").toList()) + ")";
    }

    public static Summary collect(SweepLayout layout) throws IOException {
        SweepPlan plan = SweepPlan.read(layout.plan());
        List<Row> rows = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (SweepPlan.Point p : plan.points()) {
            PointStatus s = PointStatus.read(layout.status(p.id()));
            Map<String, Object> metrics = new LinkedHashMap<>();
            Path manifest = layout.point(p.id()).resolve(org.l96.run.Runner.MANIFEST);
            if (s != null && Files.isRegularFile(manifest)) {
                JsonNode m = JSON.readTree(manifest.toFile()).get("metrics");
                if (m != null) {
                    flatten("", m, metrics);
                }
            }
            names.addAll(metrics.keySet());
            rows.add(new Row(p.id(), p.values(), p.repetition(), p.seed(), s == null ? PENDING : s.status(),
                    s == null ? null : s.error(), s == null ? 0 : s.seconds(), metrics));
        }
        Summary summary = new Summary(plan, rows, List.copyOf(names));
        write(layout, summary);
        return summary;
    }

    static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        if (node.isObject() && node.path(EvaluationOutputs.LEADS).isArray()
                && node.path(EvaluationOutputs.CRPS).isArray()) {
            leadScalars(prefix, node, out);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isNumber()) {
            out.put(prefix, node.asDouble());
        } else if (node.isTextual() || node.isBoolean()) {
            out.put(prefix, node.asText());
        } else if (node.isNull()) {
            out.put(prefix, null); // no value (an unstable run, a diverged training): kept as null, never a number
        } // arrays (curves) are not headline metrics
    }

    /**
     * An ensemble forecast's by-lead scores as scalar columns: {@code crpsAtLead1} and {@code spreadErrorAtLead1},
     * at lead 1 when the forecast reports it, else at its last reported lead (named by it: {@code crpsAtLead0.5}).
     */
    private static void leadScalars(String prefix, JsonNode scheme, Map<String, Object> out) {
        JsonNode leads = scheme.get(EvaluationOutputs.LEADS);
        if (leads.size() == 0) {
            return;
        }
        int at = leads.size() - 1;
        for (int i = 0; i < leads.size(); i++) {
            if (Math.abs(leads.get(i).asDouble() - 1.0) < 1e-9) {
                at = i;
            }
        }
        String lead = new java.math.BigDecimal(leads.get(at).asDouble()).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString();
        String base = prefix.isEmpty() ? "" : prefix + ".";
        out.put(base + "crpsAtLead" + lead, scalar(scheme.get(EvaluationOutputs.CRPS), at));
        out.put(base + "spreadErrorAtLead" + lead, scalar(scheme.get(EvaluationOutputs.SPREAD_ERROR_RATIO), at));
    }

    private static Double scalar(JsonNode values, int i) {
        JsonNode v = values == null ? null : values.get(i);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    private static void write(SweepLayout layout, Summary summary) throws IOException {
        SweepPlan plan = summary.plan();
        ArrayNode points = JSON.createArrayNode();
        ArrayNode rows = JSON.createArrayNode();
        for (Row r : summary.rows()) {
            ObjectNode p = points.addObject();
            p.put("id", r.point());
            p.set("values", JSON.valueToTree(r.values()));
            p.put("repetition", r.repetition());
            p.put("seed", r.seed());
            p.put("status", r.status());
            if (!diverged(r.metrics()).isEmpty()) {
                p.set("diverged", JSON.valueToTree(diverged(r.metrics())));
            }
            if (r.error() != null) {
                p.put("error", r.error());
            }
            p.put("seconds", r.seconds());
            p.put("folder", "points/" + r.point());
            p.set("metrics", MetricsJson.toTree(r.metrics()));
            rows.add(MetricsJson.toTree(row(plan, r)));
        }
        ObjectNode summaryJson = JSON.createObjectNode();
        summaryJson.put("sweep", plan.name());
        summaryJson.put("combine", plan.combine());
        summaryJson.set("axes", JSON.valueToTree(plan.axes()));
        summaryJson.put("seeds", plan.seeds());
        summaryJson.put("points", summary.rows().size());
        summaryJson.put("ok", summary.count(PointStatus.OK));
        summaryJson.put("diverged", summary.countDiverged());
        summaryJson.put("failed", summary.count(PointStatus.FAILED));
        summaryJson.put("pending", summary.count(PENDING));
        summaryJson.set("rows", rows);
        var pretty = MetricsJson.mapper().writerWithDefaultPrettyPrinter();
        AtomicFiles.writeString(layout.dir().resolve("points.json"), pretty.writeValueAsString(points) + "\n");
        AtomicFiles.writeString(layout.dir().resolve("summary.json"), pretty.writeValueAsString(summaryJson) + "\n");
        AtomicFiles.writeString(layout.dir().resolve("summary.csv"), csv(summary));
    }

    /** The columns every row has besides its axes and metrics. */
    private static final List<String> FIXED = List.of("point", "repetition", "seed", "status", "error", "seconds");

    /**
     * The column of an axis: its path, or its path and " (varied)" when that is a fixed column's name (varying
     * {@code seed}: the value as written beside the seed the point ran with, which adds the repetition).
     */
    public static String axisColumn(String path) {
        return FIXED.contains(path) ? path + " (varied)" : path;
    }

    /** A row as the CSV and summary.json have it: point, axis paths, repetition, seed, status, error, seconds, metrics. */
    static Map<String, Object> row(SweepPlan plan, Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("point", r.point());
        plan.axes().forEach(a -> m.put(axisColumn(a.path()), r.values().get(a.path())));
        m.put("repetition", r.repetition());
        m.put("seed", r.seed());
        m.put("status", r.status());
        m.put("error", r.error());
        m.put("seconds", r.seconds());
        m.putAll(r.metrics());
        return m;
    }

    public static List<String> columns(Summary s) {
        List<String> cols = new ArrayList<>(List.of("point"));
        s.plan().axes().forEach(a -> cols.add(axisColumn(a.path())));
        cols.addAll(FIXED.subList(1, FIXED.size()));
        cols.addAll(s.metricNames());
        return cols;
    }

    static String csv(Summary s) {
        List<String> cols = columns(s);
        StringBuilder out = new StringBuilder(String.join(",", cols.stream().map(SweepResults::cell).toList()))
                .append('\n');
        for (Row r : s.rows()) {
            Map<String, Object> m = row(s.plan(), r);
            List<String> cells = new ArrayList<>();
            for (String c : cols) {
                Object v = m.get(c);
                cells.add(v == null ? "" : cell(v instanceof Double d ? number(d) : v.toString()));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
