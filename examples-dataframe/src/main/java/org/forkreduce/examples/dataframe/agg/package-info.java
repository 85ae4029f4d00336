/**
 * Aggregate states: what a group-by keeps of each aggregate call for each group, how rows add
 * to it, how two merge (in any grouping and order, as the reducer laws ask) and what it reads out.
 *
 * <ul>
 *   <li>{@link org.forkreduce.examples.dataframe.agg.State}: one group's state, one class per
 *       kind ({@code CountState}, {@code LongSumState}, {@code DoubleSumState},
 *       {@code MomentsState}, {@code ExtremeState}, {@code MedianState}, {@code FirstState},
 *       {@code TopState}, {@code CorrState}); made by {@code State.create}.
 *   <li>{@link org.forkreduce.examples.dataframe.agg.StateColumn}: one aggregate's states of many
 *       groups, by group number, as a worker's table and a block keep them. Counts, sums, means,
 *       var, stddev and the min and max of numbers live in long arrays
 *       ({@code FixedStateColumn} and its kinds {@code CountStateColumn},
 *       {@code LongSumStateColumn}, {@code DoubleSumStateColumn}, {@code MomentsStateColumn},
 *       {@code ExtremeStateColumn}), medians in an array per group ({@code MedianStateColumn}),
 *       the rest as State objects ({@code ObjectStateColumn}). Each adds, merges and reads out
 *       as its State would; tests hold them to it.
 *   <li>{@code ExactSum} and {@code Expansion}: sums of doubles kept exactly and rounded once,
 *       so the digits do not depend on the order of merging.
 *   <li>{@link org.forkreduce.examples.dataframe.agg.StateSerde}: Kryo's serializer of the states
 *       kept as objects; a column writes its kind, then its states ({@code StateColumn
 *       .writeColumn}).
 * </ul>
 *
 * <p>Not API: public types and members are for the dataframe's other parts only.
 */
package org.forkreduce.examples.dataframe.agg;
