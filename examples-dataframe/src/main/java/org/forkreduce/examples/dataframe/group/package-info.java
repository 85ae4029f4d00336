/**
 * The groups of a group-by, from a worker's rows to the driver's result rows.
 *
 * <ul>
 *   <li>{@code GroupKey}: a row's group columns packed into bytes, the key of its group.
 *   <li>{@code GroupTable}: the groups a worker's map tasks have seen, numbered by key through
 *       open addressing, their keys in a {@code KeyArena}.
 *   <li>{@link org.forkreduce.examples.dataframe.group.GroupByMapper}: parses rows, finds their
 *       groups in the table and adds their values to the groups' states
 *       ({@code agg.StateColumn}); at a flush it emits one
 *       {@link org.forkreduce.examples.dataframe.group.GroupBlock} per partition.
 *   <li>{@code GroupBlock}: a partition's groups packed, keys and states, as the framework
 *       ships, combines and merges them; {@link
 *       org.forkreduce.examples.dataframe.group.BlockReducer} links the blocks of a partition.
 *   <li>{@link org.forkreduce.examples.dataframe.group.ResultRows}: on the driver, each key's
 *       states merged once and read out as the result's rows.
 * </ul>
 *
 * <p>Not API: public types and members are for the dataframe's other parts (and Kryo) only.
 */
package org.forkreduce.examples.dataframe.group;
