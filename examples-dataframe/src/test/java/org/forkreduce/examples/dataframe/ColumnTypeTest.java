package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The inference rule, value by value: the type one value infers as a key and as an aggregate. */
class ColumnTypeTest {

  private static ColumnType infer(boolean key, String... values) {
    ColumnType.Inference inference = new ColumnType.Inference(key);
    for (String v : values) {
      inference.add(v);
    }
    return inference.type();
  }

  @ParameterizedTest(name = "{0}: key {1}, aggregate {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      0                     | LONG   | LONG
      7                     | LONG   | LONG
      -42                   | LONG   | LONG
      9223372036854775807   | LONG   | LONG
      -9223372036854775808  | LONG   | LONG
      007                   | STRING | STRING
      00501                 | STRING | STRING
      00                    | STRING | STRING
      -0                    | DOUBLE | LONG
      -007                  | STRING | STRING
      +5                    | STRING | STRING
      +0.5                  | STRING | STRING
      9223372036854775808   | STRING | STRING
      12345678901234567890  | STRING | STRING
      0.5                   | DOUBLE | DOUBLE
      -0.25                 | DOUBLE | DOUBLE
      12.5                  | DOUBLE | DOUBLE
      12.50                 | STRING | DOUBLE
      1.0                   | STRING | DOUBLE
      00.5                  | STRING | STRING
      .5                    | STRING | DOUBLE
      5.                    | STRING | DOUBLE
      1e3                   | STRING | DOUBLE
      1.5E-8                | DOUBLE | DOUBLE
      1E+21                 | DOUBLE | DOUBLE
      1e400                 | STRING | DOUBLE
      0x1A                  | STRING | STRING
      1d                    | STRING | STRING
      1f                    | STRING | STRING
      ' 1'                  | STRING | STRING
      '1 '                  | STRING | STRING
      NaN                   | STRING | STRING
      Infinity              | STRING | STRING
      1,000                 | STRING | STRING
      abc                   | STRING | STRING
      """)
  void inference_oneValue_keyPrintsAsWrittenAggregateReadsWithoutDoubt(String value,
      ColumnType key, ColumnType aggregate) {
    assertThat(infer(true, value)).as("as a key").isEqualTo(key);
    assertThat(infer(false, value)).as("as an aggregate").isEqualTo(aggregate);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      1;2;3         | LONG   | LONG
      1;;3          | LONG   | LONG
      ;             | LONG   | LONG
      1;2.5         | DOUBLE | DOUBLE
      1;12.50       | STRING | DOUBLE
      7;8;9;007     | STRING | STRING
      00501;10001   | STRING | STRING
      1.5;x         | STRING | STRING
      9007199254740993;0.5 | STRING | DOUBLE
      """)
  void inference_samples_narrowestTypeEveryValueFits(String values, ColumnType key,
      ColumnType aggregate) {
    String[] sample = values.split(";", -1);
    assertThat(infer(true, sample)).as("as a key").isEqualTo(key);
    assertThat(infer(false, sample)).as("as an aggregate").isEqualTo(aggregate);
  }
}
