package org.forkreduce.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The results of {@code imap} (in input order) or {@code imapUnordered} (in completion order).
 * Input is read lazily: at most {@code maxInFlight} chunks are submitted and not yet consumed, so
 * a huge or endless input never piles up in memory (back-pressure).
 */
final class ImapIterator<R> implements Iterator<R> {
  private final Iterator<?> input;
  private final Function<List<Object>, CompletableFuture<Object[]>> submit;
  private final ChunkSizer sizer;
  private final boolean ordered;
  private final int maxInFlight;
  private final Deque<CompletableFuture<Object[]>> inOrder = new ArrayDeque<>();
  private final LinkedBlockingQueue<CompletableFuture<Object[]>> completed =
      new LinkedBlockingQueue<>();
  private int outstanding;
  private Object[] current = new Object[0];
  private int pos;

  ImapIterator(Iterator<?> input, Function<List<Object>, CompletableFuture<Object[]>> submit,
      ChunkSizer sizer, boolean ordered, int maxInFlight) {
    this.input = input;
    this.submit = submit;
    this.sizer = sizer;
    this.ordered = ordered;
    this.maxInFlight = maxInFlight;
  }

  @Override
  public boolean hasNext() {
    while (pos >= current.length) {
      topUp();
      if (outstanding == 0) {
        return false;
      }
      CompletableFuture<Object[]> next = ordered ? inOrder.poll() : take();
      outstanding--;
      current = ProcessPool.join(next);
      pos = 0;
    }
    return true;
  }

  private CompletableFuture<Object[]> take() {
    try {
      return completed.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a result", e);
    }
  }

  private void topUp() {
    while (outstanding < maxInFlight && input.hasNext()) {
      int size = sizer.next();
      List<Object> items = new ArrayList<>(size);
      while (items.size() < size && input.hasNext()) {
        items.add(input.next());
      }
      CompletableFuture<Object[]> f = submit.apply(items);
      outstanding++;
      if (ordered) {
        inOrder.add(f);
      } else {
        f.whenComplete((v, e) -> completed.add(f));
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return (R) current[pos++];
  }
}
