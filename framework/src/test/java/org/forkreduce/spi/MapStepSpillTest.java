package org.forkreduce.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.forkreduce.Emitter;
import org.forkreduce.Job;
import org.forkreduce.Jobs;
import org.forkreduce.Mapper;
import org.forkreduce.Split;
import org.forkreduce.internal.serde.PartialFiles;
import org.forkreduce.internal.spill.SpillTarget;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A map step over far more distinct keys than its budget holds spills runs that, with its final
 * partial, merge to exactly what a plain sequential count gives, whatever its mapper does.
 */
class MapStepSpillTest {
  private static final long BUDGET = 3L << 19; // 1.5 MB
  private static final int PARTITIONS = 4;

  @TempDir static Path inputDir;
  private static Path input;
  private static Map<String, Long> reference;
  @TempDir Path tmp;
  private Path spills;

  /** About 200,000 distinct tokens among 400,000, seeded, in lines of four. */
  @BeforeAll
  static void writeInput() throws IOException {
    input = inputDir.resolve("tokens.txt");
    Random random = new Random(18);
    StringBuilder text = new StringBuilder();
    for (int line = 0; line < 100_000; line++) {
      for (int t = 0; t < 4; t++) {
        text.append(t == 0 ? "" : " ").append('w').append(random.nextInt(250_000));
      }
      text.append('\n');
    }
    Files.writeString(input, text);
    reference = Jobs.naiveTokenCount(List.of(input));
    assertThat(reference).hasSizeGreaterThan(190_000);
  }

  @BeforeEach
  void createSpillDir() throws IOException {
    spills = Files.createDirectory(tmp.resolve("spills"));
  }

  private static Job<String, String, Long> job(Mapper<String, String, Long> mapper) {
    return Job.of(org.forkreduce.Inputs.textLines(input)).mapper(mapper).reducer(Long::sum)
        .splitSize(1 << 19);
  }

  private SpillTarget target(Path dir) {
    return new SpillTarget(BUDGET, dir, "w0", PARTITIONS);
  }

  /** A step over the test's input that spills into {@code dir}, mapping with {@code mapper}. */
  private MapStep<String, String, Long> step(Mapper<String, String, Long> mapper, Path dir) {
    return new MapStep<>(job(mapper), mapper, 0, target(dir));
  }

  /** Maps every split of the test's input into {@code step}, and returns its final partial. */
  private HashMap<String, Long> mapAll(MapStep<String, String, Long> step) throws TaskException {
    combineAll(step);
    return step.flush();
  }

  /** The test input's splits, the same for every mapper. */
  private static List<Split> splits() {
    return Planner.plan(job(new Jobs.TokenCount()), 1);
  }

  private void combineAll(MapStep<String, String, Long> step) throws TaskException {
    List<Split> splits = splits();
    assertThat(splits).hasSizeGreaterThan(1);
    for (Split split : splits) {
      step.combine(split);
    }
  }

  /** The runs' files and the partial, merged with the reducer as a partitioned reduce would. */
  private static Map<String, Long> merged(List<String> runs, Map<String, Long> partial)
      throws IOException {
    Map<String, Long> all = new HashMap<>();
    for (Path file : files(runs)) {
      PartialFiles.readInto(file, all, Long::sum);
    }
    partial.forEach((k, v) -> all.merge(k, v, Long::sum));
    return all;
  }

  private static List<Path> files(List<String> runs) {
    List<Path> files = new ArrayList<>();
    for (String run : runs) {
      for (int p = 0; p < PARTITIONS; p++) {
        files.add(Path.of(run + "-" + p));
      }
    }
    return files;
  }

  private List<Path> filesInSpillDir() throws IOException {
    try (Stream<Path> listed = Files.list(spills)) {
      return listed.sorted().toList();
    }
  }

  @Test
  void combine_manyMoreKeysThanTheBudget_runsAndPartialMergeToTheReference() throws Exception {
    MapStep<String, String, Long> step = step(new Jobs.TokenCount(), spills);

    HashMap<String, Long> partial = mapAll(step);
    List<String> runs = step.spilledRuns();

    assertThat(runs).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates()
        .allSatisfy(run -> assertThat(Path.of(run).getParent()).isEqualTo(spills));
    assertThat(merged(runs, partial)).isEqualTo(reference);
    assertThat(filesInSpillDir()).containsExactlyInAnyOrderElementsOf(files(runs));
    long entries = 0;
    long bytes = 0;
    for (Path file : files(runs)) {
      entries += PartialFiles.count(file);
      bytes += Files.size(file);
    }
    Counters counters = step.counters().snapshot();
    assertThat(counters.get(Counters.SPILL_FILES)).isEqualTo((long) runs.size() * PARTITIONS);
    assertThat(counters.get(Counters.SPILLED_RECORDS)).isEqualTo(entries);
    assertThat(counters.get(Counters.SPILLED_BYTES)).isEqualTo(bytes);
    assertThat(counters.get(Counters.RECORDS_EMITTED)).isEqualTo(400_000);
    assertThat(step.partialBytes()).isLessThanOrEqualTo(BUDGET + slack());
  }

  /** Within one check's worth of emits of the budget: 1024 new entries, generously sized. */
  private static long slack() {
    return 1024 * 200L;
  }

  @Test
  void combine_noSpillTarget_neverSpillsAndGivesTheReference() throws Exception {
    Job<String, String, Long> job = job(new Jobs.TokenCount());
    MapStep<String, String, Long> step = new MapStep<>(job, job.mapper(), 0);

    HashMap<String, Long> partial = mapAll(step);

    assertThat(step.spilledRuns()).isEmpty();
    assertThat(partial).isEqualTo(reference);
    assertThat(step.counters().snapshot().get(Counters.SPILL_FILES)).isZero();
    assertThat(filesInSpillDir()).isEmpty();
  }

  @Test
  void reset_afterSpills_forgetsTheRunsAndNamesLaterOnesAnew() throws Exception {
    MapStep<String, String, Long> step = step(new Jobs.TokenCount(), spills);
    mapAll(step);
    List<String> first = step.spilledRuns();

    step.reset();
    assertThat(step.spilledRuns()).isEmpty();
    assertThat(step.counters().snapshot().get(Counters.SPILL_FILES)).isZero();
    HashMap<String, Long> partial = mapAll(step);

    List<String> second = step.spilledRuns();
    assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
    assertThat(merged(second, partial)).isEqualTo(reference);
    assertThat(merged(first, Map.of())).hasSizeGreaterThan(0);
  }

  /** Counts in a table of its own, says how big it is (or not), and hands it on when flushed. */
  static final class TableMapper implements Mapper<String, String, Long> {
    private final boolean reportsItsTable;
    private HashMap<String, Long> table = new HashMap<>();
    /** Run after every 512 pairs a flush emits, to watch the step meanwhile; may be null. */
    transient Runnable watcher;
    int flushes;

    TableMapper(boolean reportsItsTable) {
      this.reportsItsTable = reportsItsTable;
    }

    @Override
    public void map(String line, Emitter<String, Long> out) {
      for (String token : line.split(" ")) {
        table.merge(token, 1L, Long::sum);
      }
    }

    @Override
    public long heldBytes() {
      return reportsItsTable ? table.size() * 100L : 0;
    }

    @Override
    public void flush(Emitter<String, Long> out) {
      flushes++;
      HashMap<String, Long> held = table;
      table = new HashMap<>();
      int n = 0;
      for (Map.Entry<String, Long> e : held.entrySet()) {
        out.emit(e.getKey(), e.getValue());
        if (++n % 512 == 0 && watcher != null) {
          watcher.run();
        }
      }
    }
  }

  @Test
  void combine_mapperReportingItsTable_isFlushedMidTaskAndTheUnionIsTheReference()
      throws Exception {
    TableMapper mapper = new TableMapper(true);
    MapStep<String, String, Long> step = step(mapper, spills);

    combineAll(step);
    int flushesWhileMapping = mapper.flushes;
    HashMap<String, Long> partial = step.flush();

    assertThat(flushesWhileMapping).isGreaterThanOrEqualTo(3);
    assertThat(step.spilledRuns()).hasSizeGreaterThanOrEqualTo(flushesWhileMapping);
    assertThat(merged(step.spilledRuns(), partial)).isEqualTo(reference);
    assertThat(step.counters().snapshot().get(Counters.RECORDS_EMITTED))
        .isEqualTo(step.counters().snapshot().get(Counters.SPILLED_RECORDS) + partial.size());
  }

  @Test
  void flush_mapperIgnoringTheSignal_stepsPartialStaysBoundedAndTheUnionIsTheReference()
      throws Exception {
    TableMapper mapper = new TableMapper(false);
    MapStep<String, String, Long> step = step(mapper, spills);
    long[] largestPartial = {0};
    mapper.watcher = () -> largestPartial[0] = Math.max(largestPartial[0], step.partialBytes());

    HashMap<String, Long> partial = mapAll(step);

    assertThat(mapper.flushes).isEqualTo(1);
    assertThat(step.spilledRuns()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(largestPartial[0]).isPositive().isLessThanOrEqualTo(BUDGET + slack());
    assertThat(merged(step.spilledRuns(), partial)).isEqualTo(reference);
  }

  @Test
  void combine_spillDirUnderAFile_failsNamingTheDirAndTheSplit() throws Exception {
    Path notADir = dirUnderAFile();
    assertSpillFailsNaming(notADir);
  }

  /** A directory no one can create or write in, root included. */
  private Path dirUnderAFile() throws IOException {
    return Files.writeString(tmp.resolve("plain-file"), "x").resolve("spills");
  }

  @Test
  void combine_readOnlySpillDir_failsNamingTheDirAndTheSplit() throws Exception {
    Path readOnly = Files.createDirectory(tmp.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
    try {
      assumeFalse(Files.isWritable(readOnly),
          "running as root, which writes into a read-only directory anyway; the spill"
              + " directory under a plain file covers the failure");
      assertSpillFailsNaming(readOnly);
      try (Stream<Path> left = Files.list(readOnly)) {
        assertThat(left).isEmpty();
      }
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private void assertSpillFailsNaming(Path dir) throws IOException {
    MapStep<String, String, Long> step = step(new Jobs.TokenCount(), dir);
    Split first = splits().get(0);

    assertThatThrownBy(() -> step.combine(first)).isInstanceOf(TaskException.class)
        .hasMessageStartingWith("cannot spill the partial").hasMessageContaining(dir.toString())
        .hasMessageContaining(first.toString()).hasRootCauseInstanceOf(IOException.class)
        .hasCauseInstanceOf(UncheckedIOException.class);
    assertThat(step.spilledRuns()).isEmpty();
  }

  @Test
  void flush_spillDirUnderAFile_failsNamingTheDir() throws Exception {
    Path notADir = dirUnderAFile();
    MapStep<String, String, Long> step = step(new TableMapper(false), notADir);
    combineAll(step);

    assertThatThrownBy(step::flush).isInstanceOf(TaskException.class)
        .hasMessageStartingWith("cannot spill the partial").hasMessageContaining(notADir.toString())
        .hasMessageContaining("flushing the mapper of worker 0");
  }
}
