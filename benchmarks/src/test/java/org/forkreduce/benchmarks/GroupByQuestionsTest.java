package org.forkreduce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.forkreduce.benchmarks.GroupByQuestions.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest of an answer read back from its CSV file, as the scale job checks answers. */
class GroupByQuestionsTest {
  @TempDir Path dir;

  @Test
  void ofCsv_quotedKeysNaAndText_countsRowsAndSumsTheNumbersAfterTheGroupColumns()
      throws Exception {
    Path csv = dir.resolve("answer.csv");
    Files.writeString(csv, "id1,id2,v1,v3\n"
        + "id001,7,3,1.5\n"
        + "\"id,2\",8,,x\n"
        + "id003,9,nan,-0.25\n");
    Digest d = Digest.ofCsv(csv, 2);
    assertThat(d.rows()).isEqualTo(3);
    assertThat(d.sum()).isEqualTo(3 + 1.5 - 0.25);
    assertThat(Digest.agree(d.toString(), new Digest(3, 4.25).toString())).isTrue();
    assertThat(Digest.agree(d.toString(), new Digest(3, 4.26).toString())).isFalse();
  }
}
