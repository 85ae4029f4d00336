package org.forkreduce.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed samples are exactly what the generators write, as the README says. */
class SamplesTest {
  private static final Path SAMPLES = Path.of("samples");

  @Test
  void zipfSample_isTheGeneratorsOutput() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ZipfCorpus(ZipfCorpus.VOCABULARY, ZipfCorpus.EXPONENT, 42).write(out, 2L << 20, 42);
    assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(SAMPLES.resolve("zipf-2m.txt")));
  }

  @Test
  void g1Samples_areTheGeneratorsOutput() throws IOException {
    for (G1Table table : new G1Table[] {new G1Table(10_000, 100, 0, false),
        new G1Table(10_000, 100, 5, false)}) {
      StringWriter out = new StringWriter();
      table.write(out, 42);
      assertThat(out.toString()).isEqualTo(
          Files.readString(SAMPLES.resolve(table.fileName()), StandardCharsets.US_ASCII));
    }
  }
}
