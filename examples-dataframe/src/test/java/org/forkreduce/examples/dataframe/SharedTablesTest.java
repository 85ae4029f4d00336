package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.forkreduce.Engine;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Group-bys over the real tables in ../shared/data/tables against a plain sequential count. */
class SharedTablesTest {

  static Path tables() {
    Path dir = Path.of(System.getProperty("forkreduce.sharedData", "../../shared/data"), "tables");
    Assumptions.assumeTrue(Files.isDirectory(dir), "shared data absent: " + dir);
    return dir;
  }

  /** key -> {rows, non-empty values of col, sum of col}. */
  static Map<String, double[]> reference(Path csv, String by, String col) throws IOException {
    Map<String, double[]> out = new HashMap<>();
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(r)) {
      for (CSVRecord rec : p) {
        double[] acc = out.computeIfAbsent(rec.get(by), k -> new double[3]);
        acc[0]++;
        if (!rec.get(col).isEmpty()) {
          acc[1]++;
          acc[2] += Double.parseDouble(rec.get(col));
        }
      }
    }
    return out;
  }

  private static void check(Path csv, String by, String col) throws IOException {
    Map<String, double[]> expected = reference(csv, by, col);
    for (Engine engine : List.of(Engine.inline(), Engine.threads(2), Engine.processes(2))) {
      try (engine) {
        ResultTable t = DataFrame.csv(csv).type(by, ColumnType.STRING).groupBy(by)
            .agg("count()", "count(\"" + col + "\")", "sum(\"" + col + "\")").splitSize(100_000)
            .run(engine);
        assertThat(t.rows()).as("%s by %s on %s", csv.getFileName(), by, engine.name())
            .hasSize(expected.size());
        for (Object[] row : t.rows()) {
          String key = row[0] == null ? "" : row[0].toString();
          double[] e = expected.get(key);
          assertThat(e).as("group %s", key).isNotNull();
          assertThat(((Number) row[1]).doubleValue()).isEqualTo(e[0]);
          assertThat(((Number) row[2]).doubleValue()).isEqualTo(e[1]);
          if (e[1] == 0) {
            assertThat(row[3]).isNull();
          } else {
            assertThat(((Number) row[3]).doubleValue()).isCloseTo(e[2],
                org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(e[2]))));
          }
        }
      }
    }
  }

  @Test
  void weather_precipitationByLocation_matchesPublishedSums() throws IOException {
    Path weather = tables().resolve("vega-datasets/weather.csv");
    try (Engine engine = Engine.threads(2)) {
      ResultTable t = DataFrame.csv(weather).groupBy("location")
          .agg("count()", "sum(precipitation) AS p").splitSize(10_000).run(engine);
      assertThat(t.rows()).hasSize(2);
      assertThat(t.rows().get(0)[0]).isEqualTo("New York");
      assertThat(t.rows().get(0)[1]).isEqualTo(1461L);
      assertThat((Double) t.rows().get(0)[2]).isCloseTo(4178.6,
          org.assertj.core.data.Offset.offset(1e-6));
      assertThat(t.rows().get(1)[0]).isEqualTo("Seattle");
      assertThat((Double) t.rows().get(1)[2]).isCloseTo(4426.0,
          org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void realTables_groupBys_matchSequentialReference() throws IOException {
    Path t = tables();
    check(t.resolve("ourairports/runways.csv"), "surface", "length_ft");
    check(t.resolve("ourairports/navaids.csv"), "iso_country", "frequency_khz");
    check(t.resolve("ourairports/airport-frequencies.csv"), "type", "frequency_mhz");
    check(t.resolve("fivethirtyeight/data_aging_congress.csv"), "party_code", "age_years");
    check(t.resolve("vega-datasets/birdstrikes.csv"), "Phase of flight", "Cost Total $");
  }
}
