package org.l96.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jfree.chart.JFreeChart;

/**
 * The notebook's twelve figures, and one of each other kind, drawn from synthetic data (sines, decays, noise)
 * shaped like the real thing.
 */
final class NotebookFigures {

    private NotebookFigures() {
    }

    static double[] range(double from, double step, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + step * i;
        }
        return v;
    }

    static double[] decay(int n, double start, double end, double rate, double wiggle, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = end + (start - end) * Math.exp(-rate * i) + wiggle * r.nextGaussian();
        }
        return v;
    }

    static double[] wave(double[] t, double phase, double amp) {
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = amp * (Math.sin(3.1 * t[i] + phase) + 0.6 * Math.sin(7.3 * t[i] + 2 * phase)
                    + 0.3 * Math.cos(13.0 * t[i]));
        }
        return v;
    }

    /** The twelve figures, by file name, in the notebook's order. */
    static Map<String, JFreeChart> twelve() {
        Map<String, JFreeChart> figs = new LinkedHashMap<>();
        Random r = new Random(14);

        double[] state = new double[1024];
        double[] tendency = new double[1024];
        for (int i = 0; i < state.length; i++) {
            state[i] = 2 + 4.5 * r.nextGaussian();
            tendency[i] = -1 - 6.5 * Math.tanh(state[i] / 5) + 1.8 * r.nextGaussian();
        }
        figs.put("01_batch_state_vs_subgrid", Figures.scatter("One batch", "State", "Subgrid tendency", state,
                tendency));

        double[] steps = range(0, 1, 1000);
        double[] truth = new double[1000];
        double[] pred = new double[1000];
        for (int i = 0; i < 1000; i++) {
            truth[i] = -3 + 5 * Math.sin(i / 25.0) + 2 * Math.sin(i / 7.0) * Math.cos(i / 50.0)
                    + (i % 97 < 10 ? 3 * Math.sin(i * 1.7) : 0);
            pred[i] = -3 + 4 * Math.sin(i / 25.0) + 1.2 * Math.sin(i / 7.0) * Math.cos(i / 50.0);
        }
        figs.put("02_linear_pred_vs_true", Figures.lines("Linear network: predicted vs true subgrid tendency",
                "Time step", "Subgrid tendency", List.of(Series.line("Predicted values", steps, pred),
                        Series.line("True values", steps, truth))));

        double[] t = range(0, 0.01, 200);
        double[] full = wave(t, 0.0, 5);
        double[] nn = wave(t, 0.35, 5);
        double[] none = wave(t, 1.2, 7);
        double[] lin = nn.clone();
        figs.put("03_gcm_compare_T10", Figures.lines("GCM trajectories, T = 10", "Time", "X\u2084",
                List.of(Series.line("Full L96", t, full), Series.points("NN 1 layer", t, nn),
                        Series.line("No parameterization", t, none),
                        Series.line("Linear parameterization", t, lin))));

        figs.put("04_relu", Figures.function("ReLU", "x", "ReLU(x)", -2, 2, x -> Math.max(0, x)));

        figs.put("05_netann_50ep_losses", Figures.lossCurves("NetANN, 50 epochs",
                decay(50, 29.6, 2.35, 0.3, 0.02, 1), decay(50, 24.6, 2.35, 0.3, 0.02, 2)));

        double[] pred2 = new double[1000];
        for (int i = 0; i < 1000; i++) {
            pred2[i] = 0.8 * truth[i] + 0.2 * pred[i];
        }
        figs.put("06_netann_pred_vs_true", Figures.lines("NetANN: predicted vs true subgrid tendency",
                "Time step", "Subgrid tendency", List.of(Series.line("Predicted values", steps, pred2),
                        Series.line("True values", steps, truth))));

        double[] t5 = range(0, 0.01, 240);
        figs.put("07_gcm_compare_T5", Figures.lines("GCM trajectories, T = 5", "Time", "X\u2081",
                List.of(Series.line("Full L96", t5, wave(t5, 0, 4)),
                        Series.points("NN 1 layer local", t5, wave(t5, 0.5, 4)),
                        Series.points("NN 3 layer global", t5, wave(t5, 0.2, 4)))));

        figs.put("08_netann_100more_losses", Figures.lossCurves("NetANN, 100 more epochs",
                decay(100, 2.34, 2.08, 0.03, 0.005, 3), decay(100, 2.35, 2.11, 0.03, 0.005, 4)));
        figs.put("09_weight_decay_losses", Figures.lossCurves("Weight decay 0.1",
                decay(10, 30, 4.43, 0.5, 0.05, 5), decay(10, 25, 4.29, 0.5, 0.05, 6)));
        figs.put("10_dropout_losses", Figures.lossCurves("Dropout p = 0.8",
                decay(10, 33.2, 19.5, 0.35, 0.1, 7), decay(10, 27.1, 16.5, 0.35, 0.1, 8)));

        int n = 165;
        double[] lrs = new double[n];
        double[] losses = new double[n];
        for (int i = 0; i < n; i++) {
            lrs[i] = 1e-7 * Math.pow(10, 9.0 * i / 199);
            double l = Math.log10(lrs[i]);
            losses[i] = 33 - 20 / (1 + Math.exp(-2.2 * (l + 1.6))) + (l > -0.6 ? 40 * (l + 0.6) * (l + 0.6) : 0);
        }
        figs.put("11_lr_finder", Figures.lrRangeTest("LR range test", lrs, losses, 1.4e-2));

        figs.put("12_lr001_losses", Figures.lossCurves("Learning rate 0.01, 20 epochs",
                decay(20, 20, 2.58, 0.4, 0.03, 9), decay(20, 17, 2.62, 0.4, 0.03, 10)));
        return figs;
    }

    /** One figure of each kind the notebook does not have. */
    static Map<String, JFreeChart> others() {
        Map<String, JFreeChart> figs = new LinkedHashMap<>();
        double[] lead = range(0, 0.05, 41);
        List<BandSeries> bands = new ArrayList<>();
        String[] names = {"No parameterization", "Linear", "NN 3 layer global"};
        for (int k = 0; k < 3; k++) {
            double[] y = new double[lead.length];
            double[] lo = new double[lead.length];
            double[] hi = new double[lead.length];
            for (int i = 0; i < lead.length; i++) {
                y[i] = (6.5 - 1.5 * k) * (1 - Math.exp(-lead[i] * (2.5 - 0.6 * k)));
                double w = 0.25 + 0.12 * y[i];
                lo[i] = y[i] - w;
                hi[i] = y[i] + w;
            }
            if (k == 0) { // an unstable member: the last values are missing
                for (int i = 35; i < lead.length; i++) {
                    y[i] = Double.NaN;
                    hi[i] = Double.POSITIVE_INFINITY;
                }
            }
            bands.add(new BandSeries(names[k], lead, y, lo, hi));
        }
        figs.put("x1_rmse_by_lead", Figures.withBand("RMSE against lead time (95% intervals)", "Lead time",
                "RMSE", bands));

        double[] x = range(-12, 0.25, 113);
        List<Series> pdfs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            double[] p = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double z = (x[i] - 2.5 - 0.4 * k) / (5 + 0.5 * k);
                p[i] = Math.exp(-z * z / 2) / ((5 + 0.5 * k) * Math.sqrt(2 * Math.PI));
            }
            pdfs.add(new Series(new String[] {"Full L96", "Linear", "NN"}[k], x, p,
                    k == 0 ? Series.Style.LINE : Series.Style.DASHED));
        }
        figs.put("x2_pdfs", Figures.histogramPdfs("PDF of X", "X", pdfs));

        double[] lag = range(0, 0.01, 300);
        List<Series> acf = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            double[] a = new double[lag.length];
            for (int i = 0; i < lag.length; i++) {
                a[i] = Math.exp(-lag[i] / (0.8 + 0.3 * k)) * Math.cos(lag[i] * (9 - k));
            }
            acf.add(Series.line(k == 0 ? "Full L96" : "NN", lag, a));
        }
        figs.put("x3_autocorrelation", Figures.autocorrelation("Autocorrelation of X\u2081", "Lag", acf));

        double[] lrs = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2};
        double[] hidden = {4, 8, 16, 32, 64};
        double[][] z = new double[hidden.length][lrs.length];
        for (int j = 0; j < hidden.length; j++) {
            for (int i = 0; i < lrs.length; i++) {
                double d = Math.log10(lrs[i]) + 2.2;
                z[j][i] = 2.1 + 0.8 * d * d + 1.2 / (j + 1);
            }
        }
        z[4][5] = Double.NaN;
        figs.put("x4_sweep_heatmap", Figures.heatmap("Validation MSE by learning rate and width", "Learning rate",
                "Hidden units", lrs, hidden, z, "Validation MSE"));

        double[] sched = new double[800];
        for (int i = 0; i < sched.length; i++) {
            sched[i] = i < 200 ? 1e-3 + (1e-2 - 1e-3) * i / 200.0
                    : 1e-2 * 0.5 * (1 + Math.cos(Math.PI * (i - 200) / 600.0)) + 1e-5;
        }
        figs.put("x5_lr_schedule", Figures.lrSchedule("One-cycle schedule", sched));

        double[] tt = range(0, 0.01, 300);
        double[] blow = wave(tt, 0.3, 5);
        for (int i = 180; i < blow.length; i++) {
            blow[i] = i < 200 ? blow[i] * Math.exp((i - 180) / 3.0) : Double.NaN;
        }
        figs.put("x6_unstable_run", Figures.lines("An unstable run (NaN from t = 2)", "Time", "X\u2081",
                List.of(Series.line("Full L96", tt, wave(tt, 0, 5)), Series.line("Unstable NN", tt, blow),
                        new Series("Polynomial", tt, wave(tt, 0.1, 4.5), Series.Style.DASHED))));
        figs.put("x7_loss_log", Figures.logY(Figures.lossCurves("Loss on a log axis",
                decay(150, 29.6, 2.0, 0.1, 0.01, 11), decay(150, 24.6, 2.1, 0.1, 0.01, 12))));
        return figs;
    }
}
