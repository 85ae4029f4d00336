package org.forkreduce.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    for (Measurement m : all) {
      String failure = m.failure == null ? "" : m.failure.replace("\"", "'");
      csv.add(String.join(",", m.job, m.contender, m.unit,
          num(m, m.measured() ? m.median() : 0), num(m, m.min()), num(m, m.max()),
          ratio(m, all), Integer.toString(m.values.size()), "\"" + failure + "\""));
    }
    Files.write(dir.resolve("results.csv"), csv);
    try (JsonGenerator json = new JsonFactory().createGenerator(
        Files.newBufferedWriter(dir.resolve("results.json"), StandardCharsets.UTF_8))) {
      json.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
      json.writeStartArray();
      for (Measurement m : all) {
        json.writeStartObject();
        json.writeStringField("job", m.job);
        json.writeStringField("contender", m.contender);
        json.writeStringField("unit", m.unit);
        json.writeArrayFieldStart("values");
        for (double v : m.values) {
          json.writeNumber(v);
        }
        json.writeEndArray();
        json.writeFieldName("median");
        if (m.measured()) {
          json.writeNumber(m.median());
        } else {
          json.writeNull();
        }
        json.writeStringField("ratio", ratio(m, all));
        json.writeStringField("failure", m.failure == null ? "" : m.failure);
        json.writeEndObject();
      }
      json.writeEndArray();
    }
  }

  private static String num(Measurement m, double v) {
    return m.measured() ? String.format(Locale.ROOT, "%.4f", v) : "";
  }
}
