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
 *
 * <p>When the input iterator throws, reading stops: the items read before it are still sent, their
 * results are delivered first, and then the iterator's exception is thrown once, at its place
 * (after the last of those results), as CPython's pool does; the iteration then ends.
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
  private boolean inputEnded;
  private RuntimeException inputFailure;
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
        return rethrowInputFailure();
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

  /** Throws the input's failure once all results before it are consumed; then ends. */
  private boolean rethrowInputFailure() {
    RuntimeException failure = inputFailure;
    if (failure == null) {
      return false;
    }
    inputFailure = null;
    throw failure;
  }

  private void topUp() {
    while (!inputEnded && outstanding < maxInFlight) {
      List<Object> items = read(sizer.next());
      if (!items.isEmpty()) {
        send(items);
      }
    }
  }

  /** Reads up to {@code size} items; marks the input ended when it is exhausted or throws. */
  private List<Object> read(int size) {
    List<Object> items = new ArrayList<>(size);
    try {
      while (items.size() < size && input.hasNext()) {
        items.add(input.next());
      }
      inputEnded = items.size() < size;
    } catch (RuntimeException e) {
      inputFailure = e;
      inputEnded = true;
    }
    return items;
  }

  private void send(List<Object> items) {
    CompletableFuture<Object[]> f = submit.apply(items);
    outstanding++;
    if (ordered) {
      inOrder.add(f);
    } else {
      f.whenComplete((v, e) -> completed.add(f));
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
