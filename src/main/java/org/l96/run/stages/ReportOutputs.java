package org.l96.run.stages;

/** What the report stage ({@code report/}) writes: {@link #FILE}, one self-contained HTML page; no metrics. */
public final class ReportOutputs {
    public static final String NAME = "report";
    public static final String FILE = "report.html";

    private ReportOutputs() {
    }
}
