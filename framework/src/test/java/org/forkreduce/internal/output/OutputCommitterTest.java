package org.forkreduce.internal.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.forkreduce.OutputExistsException;
import org.forkreduce.WriteOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCommitterTest {
  @TempDir Path root;

  private List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void commit_writesPartsThenSuccessAndLeavesNoTemp() throws IOException {
    Path out = root.resolve("out");
    OutputCommitter.commit(out, new WriteOption[0],
        tmp -> OutputCommitter.writeLines(tmp, List.of("a", "b", "c").iterator(), 2));
    assertThat(names(out)).containsExactly("_SUCCESS", "part-00000", "part-00001");
    assertThat(Files.readString(out.resolve("part-00000"))).isEqualTo("a\nb\n");
    assertThat(Files.readString(out.resolve("part-00001"))).isEqualTo("c\n");
    assertThat(names(root)).containsExactly("out");
  }

  @Test
  void commit_tempOfAKilledWriter_removedAndALiveOnesKept() throws IOException {
    // pid 1 started long before 1970-01-01T00:00:01Z is not the writer: that writer is gone
    Path dead = Files.createDirectory(root.resolve(".out.tmp-1-1000-42"));
    Files.writeString(dead.resolve("part-00000"), "half");
    Path live = Leftovers.createDirectory(root, ".out.tmp-");
    OutputCommitter.commit(root.resolve("out"), new WriteOption[0],
        tmp -> OutputCommitter.writeLines(tmp, List.of("a").iterator(), 2));
    assertThat(names(root)).containsExactly(live.getFileName().toString(), "out");
  }

  @Test
  void commit_existingWithoutOverwrite_refusedAndUntouched() throws IOException {
    Path out = Files.createDirectory(root.resolve("out"));
    Files.writeString(out.resolve("keep"), "x");
    assertThatThrownBy(() -> OutputCommitter.commit(out, new WriteOption[0], tmp -> { }))
        .isInstanceOf(OutputExistsException.class)
        .hasMessageContaining("already exists")
        .hasMessageContaining("--overwrite");
    assertThat(names(out)).containsExactly("keep");
  }

  @Test
  void commit_existingWithOverwrite_replaced() throws IOException {
    Path out = Files.createDirectory(root.resolve("out"));
    Files.writeString(out.resolve("old"), "x");
    OutputCommitter.commit(out, new WriteOption[] {WriteOption.OVERWRITE},
        tmp -> OutputCommitter.writeLines(tmp, List.of("new").iterator(), 10));
    assertThat(names(out)).containsExactly("_SUCCESS", "part-00000");
  }

  @Test
  void commit_writerFails_leavesNeitherOutputNorTemp() {
    Path out = root.resolve("out");
    assertThatThrownBy(() -> OutputCommitter.commit(out, new WriteOption[0], tmp -> {
      Files.writeString(tmp.resolve("part-00000"), "half");
      throw new IOException("disk full");
    })).hasMessageContaining("disk full").hasMessageContaining(out.toString());
    assertThat(root.toFile().list()).isEmpty();
  }
}
