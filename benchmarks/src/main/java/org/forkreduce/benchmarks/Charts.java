package org.forkreduce.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The results as PNG charts: a bar chart of median seconds per contender for word count, one of
 * the group-by questions (a bar per contender in each question), and ForkReduce's word-count
 * time against input size.
 */
final class Charts {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 560;

  private Charts() {}

  /** Writes the charts that {@code all} has data for into {@code dir}; returns their paths. */
  static List<Path> write(List<Measurement> all, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    bars(all, "wordcount-", "Word count", PlotOrientation.HORIZONTAL,
        dir.resolve("wordcount.png"), written);
    bars(all, "groupby-", "db-benchmark groupby, end to end from CSV", PlotOrientation.VERTICAL,
        dir.resolve("groupby.png"), written);
    scaling(all, dir.resolve("scaling.png"), written);
    return written;
  }

  private static void bars(List<Measurement> all, String prefix, String title,
      PlotOrientation orientation, Path file, List<Path> written) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Measurement m : all) {
      if (m.job.startsWith(prefix) && m.ok() && !m.values.isEmpty()) {
        boolean oneJob = orientation == PlotOrientation.HORIZONTAL;
        data.addValue(m.median(), oneJob ? m.job : m.contender,
            oneJob ? m.contender : m.job.substring(prefix.length()));
      }
    }
    if (data.getColumnCount() == 0) {
      return;
    }
    JFreeChart chart = ChartFactory.createBarChart(title + " (median of runs; lower is better)",
        null, "seconds", data, orientation, true, false, false);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    written.add(file);
  }

  private static void scaling(List<Measurement> all, Path file, List<Path> written)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Measurement m : all) {
      if (m.job.startsWith(Harness.SCALING) && m.ok() && !m.values.isEmpty()) {
        XYSeries series = data.getSeriesIndex(m.contender) >= 0
            ? data.getSeries(m.contender) : new XYSeries(m.contender);
        if (series.getItemCount() == 0) {
          data.addSeries(series);
        }
        series.add(Double.parseDouble(m.job.substring(Harness.SCALING.length())), m.median());
      }
    }
    if (data.getSeriesCount() == 0) {
      return;
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        "ForkReduce word count: time against input size", "input (MiB)", "seconds", data,
        PlotOrientation.VERTICAL, true, false, false);
    ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultShapesVisible(true);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    written.add(file);
  }
}
