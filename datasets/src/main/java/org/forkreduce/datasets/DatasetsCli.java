package org.forkreduce.datasets;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar datasets.jar text|g1 ...}: writes the generated data sets. */
@Command(name = "datasets", mixinStandardHelpOptions = true, version = "datasets 0.1.0",
    description = "Generates deterministic test and benchmark data.",
    subcommands = {DatasetsCli.Text.class, DatasetsCli.G1.class})
public final class DatasetsCli {
  private DatasetsCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cli = new CommandLine(DatasetsCli.class);
    cli.setParameterExceptionHandler((e, a) -> {
      System.err.println("datasets: " + e.getMessage() + " (see --help)");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, c, p) -> {
      System.err.println("datasets: " + e.getMessage());
      return e instanceof IllegalArgumentException ? 2 : 1;
    });
    return cli.execute(args);
  }

  @Command(name = "text", mixinStandardHelpOptions = true,
      description = "A Zipf-distributed English-like corpus (ASCII, LF).")
  static final class Text implements Callable<Integer> {
    @Option(names = "--size", required = true, description = "Bytes, e.g. 100m or 1g.")
    String size;

    @Option(names = "--vocabulary", defaultValue = "" + ZipfCorpus.VOCABULARY,
        description = "Distinct words (default ${DEFAULT-VALUE}).")
    int vocabulary;

    @Option(names = "--exponent", defaultValue = "" + ZipfCorpus.EXPONENT,
        description = "Zipf exponent s (default ${DEFAULT-VALUE}).")
    double exponent;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default 42).")
    long seed;

    @Option(names = "--output", required = true, description = "The file to write.")
    Path output;

    @Override
    public Integer call() throws IOException {
      long bytes = Sizes.bytes(size);
      ZipfCorpus corpus = new ZipfCorpus(vocabulary, exponent, seed);
      long written;
      try (OutputStream out = new BufferedOutputStream(open(output), 1 << 16)) {
        written = corpus.write(out, bytes, seed);
      }
      System.err.printf("datasets: wrote %,d bytes to %s%n", written, output);
      return 0;
    }
  }

  @Command(name = "g1", mixinStandardHelpOptions = true,
      description = "The db-benchmark groupby table G1 as CSV.")
  static final class G1 implements Callable<Integer> {
    @Option(names = "--rows", required = true, description = "N, e.g. 1e7.")
    String rows;

    @Option(names = "--groups", defaultValue = "1e2", description = "K (default 1e2).")
    String groups;

    @Option(names = "--na", defaultValue = "0", description = "NA percentage (default 0).")
    int naPercent;

    @Option(names = "--sort", description = "Order rows by id1..id6.")
    boolean sort;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default 42).")
    long seed;

    @Option(names = "--output", required = true,
        description = "The file to write, or a directory to write G1_<N>_<K>_<NA>_<sort>.csv in.")
    Path output;

    @Override
    public Integer call() throws IOException {
      G1Table table = new G1Table(Sizes.count(rows), (int) Sizes.count(groups), naPercent, sort);
      Path file = Files.isDirectory(output) ? output.resolve(table.fileName()) : output;
      try (Writer out = new BufferedWriter(
          new OutputStreamWriter(open(file), StandardCharsets.US_ASCII), 1 << 16)) {
        table.write(out, seed);
      }
      System.err.printf("datasets: wrote %,d rows to %s%n", table.rows(), file);
      return 0;
    }
  }

  private static OutputStream open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return Files.newOutputStream(file);
  }
}
