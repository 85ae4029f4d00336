package org.forkreduce.driver;

import java.io.IOException;
import java.util.List;
import org.forkreduce.InputException;
import org.forkreduce.Job;
import org.forkreduce.input.Split;
import org.forkreduce.input.SplitPolicy;

/** Plans a job's splits for a number of workers; shared by every engine, here and elsewhere. */
public final class Planner {
  private Planner() {}

  /** @throws InputException naming the input when its files cannot be listed or sized */
  public static List<Split> plan(Job<?, ?, ?> job, int workers) {
    try {
      return job.input().splits(new SplitPolicy(job.splitSize(), workers));
    } catch (IOException e) {
      throw new InputException("Cannot list or size the input files of " + job.input() + ": "
          + e + ". Check that the paths exist and are readable.", e);
    }
  }
}
