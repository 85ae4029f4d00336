package org.forkreduce.internal.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.forkreduce.NotShippableException;
import org.forkreduce.Reducer;
import org.junit.jupiter.api.Test;

class SerdeTest {

  @Test
  void copy_capturingLambda_behavesLikeOriginal() {
    long offset = 100;
    Reducer<Long> reducer = (a, b) -> a + b + offset;
    Reducer<Long> copy = Serde.copy(reducer);
    assertThat(copy).isNotSameAs(reducer);
    assertThat(copy.reduce(1L, 2L)).isEqualTo(103L);
  }

  @Test
  void copy_mapOfStrings_roundTrips() {
    Map<String, Long> map = new HashMap<>();
    map.put("é€😀", 3L);
    map.put("", 0L);
    assertThat(Serde.<Map<String, Long>>copy(map)).isEqualTo(map);
  }

  static final class HoldsStream implements Reducer<Long> {
    private final InputStream source = InputStream.nullInputStream();

    @Override
    public Long reduce(Long left, Long right) {
      return left + right + (source == null ? 1 : 0);
    }
  }

  @Test
  void checkedCopy_unshippableField_namesClassAndFix() {
    assertThatThrownBy(() -> Serde.checkedCopy(new HoldsStream(), "reducer"))
        .isInstanceOf(NotShippableException.class)
        .hasMessageContaining("The reducer (" + HoldsStream.class.getName() + ")")
        .hasMessageContaining("transient");
  }
}
