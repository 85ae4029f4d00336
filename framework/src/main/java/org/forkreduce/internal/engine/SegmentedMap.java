package org.forkreduce.internal.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.forkreduce.internal.serde.PartialFiles;

/**
 * The reduced result as the maps of its segments, unchanged: segment {@code s} holds exactly the
 * keys that {@link PartialFiles#segmentOf} puts in {@code s}, so a lookup asks one segment, and
 * iteration walks the segments in turn. Spares the driver copying millions of entries into one
 * map. The job result hands it out unmodifiable, and drains it through its iterator's
 * {@code remove}.
 */
final class SegmentedMap<K, V> extends AbstractMap<K, V> {
  private final List<Map<K, V>> segments;

  SegmentedMap(List<Map<K, V>> segments) {
    this.segments = List.copyOf(segments);
  }

  private Map<K, V> segmentOf(Object key) {
    return segments.get(PartialFiles.segmentOf(key, segments.size()));
  }

  @Override
  public V get(Object key) {
    return segmentOf(key).get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return segmentOf(key).containsKey(key);
  }

  @Override
  public int size() {
    return (int) Math.min(Integer.MAX_VALUE, segments.stream().mapToLong(Map::size).sum());
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<K, V>> iterator() {
        return new Iterator<>() {
          private int next;
          private Iterator<Entry<K, V>> current = Map.<K, V>of().entrySet().iterator();

          @Override
          public boolean hasNext() {
            while (!current.hasNext() && next < segments.size()) {
              current = segments.get(next++).entrySet().iterator();
            }
            return current.hasNext();
          }

          @Override
          public Entry<K, V> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return current.next();
          }

          @Override
          public void remove() {
            current.remove();
          }
        };
      }

      @Override
      public int size() {
        return SegmentedMap.this.size();
      }
    };
  }
}
