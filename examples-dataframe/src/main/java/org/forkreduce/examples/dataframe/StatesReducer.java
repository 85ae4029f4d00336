package org.forkreduce.examples.dataframe;

import org.forkreduce.Reducer;

/** Merges the aggregate states of one group, element by element, into the left array. */
final class StatesReducer implements Reducer<State[]> {
  private static final long serialVersionUID = 1L;

  @Override
  public State[] reduce(State[] left, State[] right) {
    for (int i = 0; i < left.length; i++) {
      left[i].merge(right[i]);
    }
    return left;
  }
}
