package org.forkreduce.input;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of one split as parsed by a CSV library: FastCSV for text proven strict RFC 4180,
 * where it reads the same records as Commons CSV at twice the speed; Commons CSV for everything
 * else, whose handling of odd text (an unterminated quote at the end, a space after a closing
 * quote) the bad-record rules are written against.
 */
interface CsvRecordSource extends Closeable {
  /**
   * The next record's fields, or null at the end.
   *
   * @throws CsvSyntaxException if the text does not parse
   */
  String[] next();

  /** The character position (UTF-16 units from the reader's start) of the last record read. */
  long position() throws IOException;

  /** The text does not parse as CSV. */
  final class CsvSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CsvSyntaxException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static CsvRecordSource commons(Reader reader, CSVFormat format) throws IOException {
    return new Commons(CSVParser.builder().setReader(reader).setFormat(format).get());
  }

  /**
   * FastCSV over strict text. Its records carry line numbers, not positions; {@code reread}
   * opens the same text again so that Commons CSV, which reads strict text record for record
   * alike, can find a record's position for an error message.
   */
  static CsvRecordSource fast(Reader reader, char delimiter, char quote,
      Supplier<CsvRecordSource> reread) {
    CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(delimiter)
        .quoteCharacter(quote).skipEmptyLines(false).allowExtraFields(true)
        .allowMissingFields(true).allowExtraCharsAfterClosingQuote(false)
        .detectBomHeader(false).ofCsvRecord(reader);
    return new Fast(csv, reread);
  }

  /** Commons CSV, with the position of each record. */
  final class Commons implements CsvRecordSource {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long position;

    Commons(CSVParser parser) {
      this.parser = parser;
      this.records = parser.iterator();
    }

    @Override
    public String[] next() {
      try {
        if (!records.hasNext()) {
          return null;
        }
        CSVRecord record = records.next();
        position = record.getCharacterPosition();
        return record.values();
      } catch (UncheckedIOException | IllegalStateException e) {
        throw new CsvSyntaxException(e.getMessage(), e);
      }
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }

  /** FastCSV; positions found on demand by rereading with Commons CSV. */
  final class Fast implements CsvRecordSource {
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final Supplier<CsvRecordSource> reread;
    private long read;

    Fast(CsvReader<CsvRecord> csv, Supplier<CsvRecordSource> reread) {
      this.csv = csv;
      this.records = csv.iterator();
      this.reread = reread;
    }

    @Override
    public String[] next() {
      try {
        if (!records.hasNext()) {
          return null;
        }
        read++;
        CsvRecord record = records.next();
        String[] fields = new String[record.getFieldCount()];
        Arrays.setAll(fields, record::getField);
        return fields;
      } catch (CsvParseException | UncheckedIOException e) {
        throw new CsvSyntaxException(e.getMessage()
            + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()), e);
      }
    }

    @Override
    public long position() throws IOException {
      try (CsvRecordSource commons = reread.get()) {
        for (long i = 0; i < read; i++) {
          if (commons.next() == null) {
            break;
          }
        }
        return commons.position();
      } catch (CsvSyntaxException e) {
        return 0;
      }
    }

    @Override
    public void close() throws IOException {
      csv.close();
    }
  }
}
