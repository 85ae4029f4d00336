package org.forkreduce.examples.dataframe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Interning from bytes against decoding the bytes. */
class StringCacheTest {

  @Test
  void intern_bytesOfManyStringsInATinyCache_equalTheirDecodingAndRepeatsAreOneObject() {
    Random random = new Random(30);
    String[] parts = {"", "id", "é", "😀", "0", "x y", "\"", "Ω"};
    StringCache cache = new StringCache(1); // 32 slots: many strings share one
    for (int i = 0; i < 20_000; i++) {
      String s = parts[random.nextInt(parts.length)] + random.nextInt(200)
          + parts[random.nextInt(parts.length)];
      byte[] padded = ("ab" + s + "cd").getBytes(UTF_8);
      int length = s.getBytes(UTF_8).length;
      String interned = cache.intern(padded, 2, length);
      assertThat(interned).isEqualTo(s);
      assertThat(cache.intern(padded, 2, length)).isSameAs(interned);
    }
  }
}
