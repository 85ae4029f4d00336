package org.forkreduce.internal.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.forkreduce.InputException;
import org.forkreduce.Split;

/**
 * A split's raw file stream that fails rather than let a changed file pass: it fails a read that
 * meets the end of the file before the size the split's plan recorded (the file was truncated
 * while read), and, when closed, a file whose size or modification time differs from the plan's
 * (the modification time only if the split recorded one). The cost is a comparison per buffer
 * read and one stat per stream, nothing per record.
 */
final class UnchangedInput extends FilterInputStream {
  private static final String ADVICE = ". Do not modify inputs while a job runs.";

  private final Split split;
  private long position;

  UnchangedInput(InputStream in, Split split, long position) {
    super(in);
    this.split = split;
    this.position = position;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    advance(b < 0 ? -1 : 1);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    advance(n);
    return n;
  }

  private void advance(int n) {
    if (n >= 0) {
      position += n;
    } else if (position < split.fileLength()) {
      throw new InputChangedException("Input file shrank while it was read: " + split.path()
          + " ended at byte " + position + " but was " + split.fileLength()
          + " bytes when planned" + ADVICE);
    }
  }

  /** Closes the file, then fails if it no longer has the size and modification time planned. */
  @Override
  public void close() throws IOException {
    super.close();
    if (split.modified() == Split.UNRECORDED) {
      return; // planned without a time (a header's or a test's split): shrinking was checked
    }
    Path path = Path.of(split.path());
    long size;
    long modified;
    try {
      size = java.nio.file.Files.size(path);
      modified = InputFiles.modified(path);
    } catch (NoSuchFileException e) {
      throw new InputException("Input file disappeared during the job: " + path + ADVICE, e);
    }
    if (size != split.fileLength()) {
      throw new InputChangedException("Input file changed during the job: " + path + " was "
          + split.fileLength() + " bytes when planned, now " + size + ADVICE);
    }
    if (modified != split.modified()) {
      throw new InputChangedException("Input file changed during the job: " + path + " was"
          + " modified at " + instant(split.modified()) + " when planned, now at " + instant(modified)
          + " (same size, " + size + " bytes)" + ADVICE);
    }
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(0, nanos);
  }
}
