/**
 * The figures of an experiment: {@link org.l96.chart.Figures} makes JFreeChart charts from plain arrays in one
 * print style (the notebook's twelve figures and the rest: bands, heat maps, log axes), and
 * {@link org.l96.chart.ChartFiles} writes each as a 200 dpi PNG and a vector PDF, atomically and without a display.
 *
 * <pre>{@code
 * JFreeChart c = Figures.lossCurves("NetANN, 50 epochs", train, val);
 * ChartFiles.write(c, outDir.resolve("05_netann_50ep_losses"));   // 05_netann_50ep_losses.png and .pdf
 * }</pre>
 *
 * <p>This package depends on no other l96 package.
 */
package org.l96.chart;
