package org.forkreduce.examples.wordcount;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.forkreduce.Inputs;
import org.forkreduce.Job;

/** The word-count job, for use from code. */
public final class WordCount {
  /** Count descending, then word ascending: the order of the CLI's output. */
  public static final Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_WORD =
      Map.Entry.<String, Long>comparingByValue().reversed()
          .thenComparing(Map.Entry.comparingByKey());

  private WordCount() {}

  /** Counts the words of the text files (or directories) given. */
  public static Job<String, String, Long> job(Path... inputs) {
    return Job.of(Inputs.textLines(inputs)).mapper(new WordCountMapper()).reducer(Long::sum);
  }
}
