package org.forkreduce.examples.wordcount;

import java.io.PrintStream;
import org.forkreduce.stats.ProgressListener;

/** A one-line progress bar redrawn in place on a terminal. */
final class ProgressBar implements ProgressListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private int lastPercent = -1;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void onProgress(long bytesDone, long bytesTotal, int splitsDone,
      int splitsTotal) {
    int percent = bytesTotal == 0 ? 100 : (int) (bytesDone * 100 / bytesTotal);
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = percent * WIDTH / 100;
    out.printf("\r[%s%s] %3d%% %d/%d splits", "=".repeat(filled), " ".repeat(WIDTH - filled),
        percent, splitsDone, splitsTotal);
    out.flush();
  }

  /** Clears the bar's line. */
  synchronized void clear() {
    if (lastPercent >= 0) {
      out.print("\r" + " ".repeat(WIDTH + 30) + "\r");
      out.flush();
    }
  }
}
