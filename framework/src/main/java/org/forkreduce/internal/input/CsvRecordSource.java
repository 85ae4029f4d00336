package org.forkreduce.internal.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.forkreduce.CsvRow;

/**
 * The records of one split as a parser reads them: {@link Utf8CsvSource} over the bytes of text
 * proven strict RFC 4180; Commons CSV for everything else (gzip, a stray quote, no quoting),
 * whose handling of odd text (an unterminated quote at the end, a space after a closing quote)
 * the bad-record rules are written against.
 */
interface CsvRecordSource extends Closeable {
  /**
   * Advances to the next record; false at the end.
   *
   * @throws CsvSyntaxException if the text does not parse
   */
  boolean next() throws IOException;

  /** The current record, named by {@code header}; the same object may serve every record. */
  CsvRow row(Header header);

  /** The file offset of the current record's first byte. */
  long offset() throws IOException;

  /** The text does not parse as CSV. */
  final class CsvSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CsvSyntaxException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Converts a character position of the decoded text to a file offset. */
  interface CharsToBytes {
    long offset(long chars) throws IOException;
  }

  static CsvRecordSource commons(Reader reader, CSVFormat format, CharsToBytes offsets)
      throws IOException {
    return new Commons(CSVParser.builder().setReader(reader).setFormat(format).get(), offsets);
  }

  /** Commons CSV; a record's offset found from its character position when asked. */
  final class Commons implements CsvRecordSource {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final CharsToBytes offsets;
    private final TextRow row = new TextRow();
    private long position;

    Commons(CSVParser parser, CharsToBytes offsets) {
      this.parser = parser;
      this.records = parser.iterator();
      this.offsets = offsets;
    }

    @Override
    public boolean next() {
      try {
        if (!records.hasNext()) {
          return false;
        }
        CSVRecord record = records.next();
        position = record.getCharacterPosition();
        row.values = record.values();
        return true;
      } catch (UncheckedIOException | IllegalStateException e) {
        throw new CsvSyntaxException(e.getMessage(), e);
      }
    }

    @Override
    public CsvRow row(Header header) {
      row.header = header;
      return row;
    }

    @Override
    public long offset() throws IOException {
      return offsets.offset(position);
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }
}
