package org.l96.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What the experiment report and the sweep report share: one style, escaping, and figures inlined as data URIs so
 * that a page is a single file that opens from disk.
 */
public final class HtmlPage {
    private HtmlPage() {
    }

    /** The {@code <!DOCTYPE>}, head with the shared style, and the opening of the body. */
    public static void open(StringBuilder html, String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
                        + "color:#222}h1{font-weight:600}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;"
                        + "margin-top:2em}figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #eee}"
                        + "figcaption{color:#555;font-size:.9em}table{border-collapse:collapse;font-size:.9em}"
                        + "td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left}th{background:#f6f6f6}"
                        + "td.num{text-align:right;font-variant-numeric:tabular-nums}pre{background:#f6f6f6;"
                        + "padding:1em;overflow:auto;font-size:.8em}tr.failed td{background:#fdecea}"
                        + "li.failed,li.problem,td.problem{color:#a61b0f}")
                .append("</style></head><body>\n");
    }

    /** A PNG as a {@code <figure>}, captioned with its file name. */
    public static void figure(StringBuilder html, Path png) throws IOException {
        String base = png.getFileName().toString().replaceFirst("\\.png$", "");
        html.append("<figure><img alt=\"").append(esc(base)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png)))
                .append("\"><figcaption>").append(esc(base)).append("</figcaption></figure>\n");
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
