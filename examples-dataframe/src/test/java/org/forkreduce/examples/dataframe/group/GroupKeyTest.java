package org.forkreduce.examples.dataframe.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.table.HashSlots;
import org.junit.jupiter.api.Test;

/** Keys pack their values losslessly, hash as their bytes, and decode typed. */
class GroupKeyTest {

  @Test
  void pack_everyValueLength_decodesBack() {
    String[] values = {"", "id001", "é😀", "x".repeat(254), "y".repeat(255), "z".repeat(70_000)};
    byte[] packed = TestKeys.pack(values);
    assertThat(TestKeys.values(packed, 0, values.length)).containsExactly(values);
    assertThat(TestKeys.pack(values)).isEqualTo(packed);
    assertThat(TestKeys.pack("", "id001", "é😀", "x".repeat(254), "y".repeat(255),
        "z".repeat(69_999))).isNotEqualTo(packed);
  }

  @Test
  void pack_sameCharactersSplitDifferently_differentKeys() {
    assertThat(TestKeys.pack("ab", "c")).isNotEqualTo(TestKeys.pack("a", "bc"));
    assertThat(TestKeys.pack("", "a")).isNotEqualTo(TestKeys.pack("a", ""));
  }

  @Test
  void hash_packedBytes_asArraysHashCodeAndThePacker() {
    for (String[] values : List.of(new String[] {"id001", "7"}, new String[] {"", "é😀"},
        new String[] {"x".repeat(300)})) {
      byte[] packed = TestKeys.pack(values);
      GroupKey.Packer packer = new GroupKey.Packer(values.length == 1 ? new int[] {0}
          : new int[] {0, 1});
      packer.pack(new TestKeys.Row(values));
      assertThat(HashSlots.hash(packed, 0, packed.length)).isEqualTo(Arrays.hashCode(packed))
          .isEqualTo(packer.hash(0));
    }
  }

  @Test
  void decode_typedValues_asParsedFromText() {
    String[] values = {"", "-0", "+5", "9223372036854775807", "-9223372036854775808", "12",
        "1.5e3", "é😀", "y".repeat(300)};
    ColumnType[] types = {ColumnType.LONG, ColumnType.LONG, ColumnType.LONG, ColumnType.LONG,
        ColumnType.LONG, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.STRING,
        ColumnType.STRING};
    byte[] packed = TestKeys.pack(values);
    assertThat(TestKeys.decode(packed, 0, types)).containsExactly(null, 0L, 5L, Long.MAX_VALUE,
        Long.MIN_VALUE, 12.0, 1500.0, "é😀", "y".repeat(300));
  }

  @Test
  void decode_atAnOffset_readsThatKeyOnly() {
    byte[] first = TestKeys.pack("a", "b");
    byte[] second = TestKeys.pack("ccc", "");
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertThat(TestKeys.values(both, first.length, 2)).containsExactly("ccc", "");
  }

  @Test
  void decode_longColumnHoldingText_failsAsParseLong() {
    byte[] packed = TestKeys.pack("12a");
    assertThatThrownBy(() -> TestKeys.decode(packed, 0, ColumnType.LONG))
        .isInstanceOf(NumberFormatException.class).hasMessageContaining("12a");
  }
}
