package org.forkreduce.examples.dataframe.group;

import org.forkreduce.Reducer;

/**
 * Merges two blocks of one partition into the left one, lazily ({@link GroupBlock#link}): the
 * states of a group in both merge aggregate by aggregate when the blocks are settled or read, so
 * the law the framework relies on holds as it does for each aggregate's state — any grouping and
 * order of merges gives the same groups.
 */
public final class BlockReducer implements Reducer<GroupBlock> {
  private static final long serialVersionUID = 1L;

  @Override
  public GroupBlock reduce(GroupBlock left, GroupBlock right) {
    return left.link(right);
  }
}
