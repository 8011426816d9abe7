package org.l96.run.stages;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.run.Provenance;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code report.html}: one self-contained page (figures embedded as data URIs, metrics, the spec, provenance) that
 * opens in a browser from disk.
 */
public final class ReportStage implements Stage {
    public static final String NAME = "report";
    public static final String FILE = "report.html";
    /** Stages whose names start so hold figures. */
    public static final String CHART_PREFIX = "chart-";
    private final ExperimentSpec spec;
    private final List<String> inputs;

    public ReportStage(ExperimentSpec spec, List<String> inputs) {
        this.spec = spec;
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public Object keyMaterial() {
        return Map.of("spec", spec);
    }

    @Override
    public void run(StageContext ctx) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(spec.name())).append(" — l96 report</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
                        + "color:#222}h1{font-weight:600}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;"
                        + "margin-top:2em}figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #eee}"
                        + "figcaption{color:#555;font-size:.9em}table{border-collapse:collapse;font-size:.9em}"
                        + "td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left}th{background:#f6f6f6}"
                        + "td.num{text-align:right;font-variant-numeric:tabular-nums}pre{background:#f6f6f6;"
                        + "padding:1em;overflow:auto;font-size:.8em}")
                .append("</style></head><body>\n<h1>").append(esc(spec.name())).append("</h1>\n");
        html.append("<p>Made by l96 ").append(esc(Provenance.toolVersion())).append(". Seed ")
                .append(spec.seed()).append(".</p>\n");

        html.append("<h2>Figures</h2>\n");
        for (String in : inputs) {
            if (!in.startsWith(CHART_PREFIX)) {
                continue;
            }
            try (Stream<Path> files = Files.list(ctx.input(in))) {
                for (Path png : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                    String data = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
                    String base = png.getFileName().toString().replaceFirst("\\.png$", "");
                    html.append("<figure><img alt=\"").append(esc(base)).append("\" src=\"data:image/png;base64,")
                            .append(data).append("\"><figcaption>").append(esc(base))
                            .append("</figcaption></figure>\n");
                }
            }
        }

        html.append("<h2>Metrics</h2>\n");
        for (String in : inputs) {
            JsonNode record = SpecJson.mapper().readTree(ctx.input(in).resolve("stage.json").toFile());
            JsonNode metrics = record.get("metrics");
            if (metrics == null || metrics.isEmpty()) {
                continue;
            }
            html.append("<h3>").append(esc(in)).append("</h3>\n<table>");
            flatten("", metrics, html);
            html.append("</table>\n");
        }

        html.append("<h2>Spec</h2>\n<pre>").append(esc(SpecJson.toJson(spec))).append("</pre>\n");
        html.append("<h2>Provenance</h2>\n<pre>").append(esc(SpecJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(Provenance.current()))).append("</pre>\n</body></html>\n");
        Files.writeString(ctx.dir().resolve(FILE), html);
    }

    private static void flatten(String prefix, JsonNode node, StringBuilder html) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), html);
            }
        } else if (node.isArray() && node.size() > 12) {
            html.append("<tr><th>").append(esc(prefix)).append("</th><td>").append(node.size())
                    .append(" values</td></tr>");
        } else {
            String text = node.isNumber() ? String.format("%.6g", node.asDouble()) : node.toString();
            html.append("<tr><th>").append(esc(prefix)).append("</th><td class=\"num\">").append(esc(text))
                    .append("</td></tr>");
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
