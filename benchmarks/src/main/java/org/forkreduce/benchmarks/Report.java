package org.forkreduce.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a table on stdout and as CSV and JSON files. */
final class Report {
  private Report() {}

  /** The ForkReduce contender each job's ratios are taken against. */
  private static String baseline(String job) {
    return job.startsWith("pool") ? "forkreduce" : "forkreduce-processes";
  }

  private static String ratio(Measurement m, List<Measurement> all) {
    Measurement base = all.stream().filter(b -> b.job.equals(m.job)
        && b.contender.equals(baseline(m.job)) && b.measured()).findFirst().orElse(null);
    if (base == null || !m.measured()) {
      return "";
    }
    return String.format(Locale.ROOT, "%.2f", m.median() / base.median());
  }

  static void print(List<Measurement> all, PrintStream out) {
    out.printf(Locale.ROOT, "%-22s %-24s %12s %25s %8s %5s%n", "job", "contender", "median",
        "min-max", "ratio", "runs");
    for (Measurement m : all) {
      if (m.measured()) {
        out.printf(Locale.ROOT, "%-22s %-24s %10.3f %s %11.3f-%-11.3f %8s %5d%n", m.job,
            m.contender, m.median(), pad(m.unit), m.min(), m.max(), ratio(m, all),
            m.values.size());
      } else {
        // a skipped contender's reason starts with "skipped"
        out.printf(Locale.ROOT, "%-22s %-24s %s%n", m.job, m.contender,
            m.ok() ? m.failure : "FAILED: " + m.failure);
      }
    }
    out.println("ratio = median / median of ForkReduce (processes(n) for jobs, the pool for"
        + " pool metrics); above 1 means slower than ForkReduce. Fewer runs than asked: a run"
        + " took longer than --run-budget.");
  }

  private static String pad(String unit) {
    return String.format("%-2s", unit);
  }

  static void write(List<Measurement> all, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> csv = new ArrayList<>();
    csv.add("job,contender,unit,median,min,max,ratio,runs,failure");
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < all.size(); i++) {
      Measurement m = all.get(i);
      String failure = m.failure == null ? "" : m.failure.replace("\"", "'");
      csv.add(String.join(",", m.job, m.contender, m.unit,
          num(m, m.measured() ? m.median() : 0), num(m, m.min()), num(m, m.max()),
          ratio(m, all), Integer.toString(m.values.size()), "\"" + failure + "\""));
      json.append(String.format(Locale.ROOT, "  {\"job\": \"%s\", \"contender\": \"%s\","
          + " \"unit\": \"%s\", \"values\": %s, \"median\": %s, \"ratio\": \"%s\","
          + " \"failure\": \"%s\"}%s%n", m.job, m.contender, m.unit, m.values,
          m.measured() ? num(m, m.median()) : "null", ratio(m, all), failure,
          i + 1 < all.size() ? "," : ""));
    }
    json.append("]\n");
    Files.write(dir.resolve("results.csv"), csv);
    Files.writeString(dir.resolve("results.json"), json);
  }

  private static String num(Measurement m, double v) {
    return m.measured() ? String.format(Locale.ROOT, "%.4f", v) : "";
  }
}
