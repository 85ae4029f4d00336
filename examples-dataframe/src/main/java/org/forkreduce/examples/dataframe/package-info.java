/**
 * A DataFrame-style group-by over CSV files, run as a ForkReduce job: a columnar group-by engine
 * on the framework's Mapper and Reducer. Start at
 * {@link org.forkreduce.examples.dataframe.DataFrame}; the command line is
 * {@link org.forkreduce.examples.dataframe.DataFrameCli}.
 *
 * <h2>The parts</h2>
 *
 * <pre>
 * dataframe   the API and the CLI
 *               DataFrame      csv(..).groupBy(..).agg(..).run(engine): the job and its result
 *               ColumnType     LONG, DOUBLE, STRING; Schema infers them from the first rows
 *               DataFrameCli   java -jar dataframe.jar groupby --by COLS --agg EXPR... INPUT...
 *   .expr     what to compute: "max(v1) - min(v2) AS r" parsed (Parser) into an Expr over
 *             aggregate calls (AggCall), evaluated per group from the calls' results
 *   .agg      aggregate states: one group's State (CountState, DoubleSumState, MedianState,
 *             CorrState, ...: the reference, and the objects of first, top, corr, text min/max);
 *             many groups' StateColumn by group number (FixedStateColumn's long arrays for
 *             count, sum, mean, var, min, max; MedianStateColumn; ObjectStateColumn); exact
 *             double sums (ExactSum, Expansion); StateSerde, Kryo's serializer of states
 *   .group    the groups: keys packed to bytes (GroupKey) in a worker's GroupTable (KeyArena),
 *             filled by the GroupByMapper and emitted as one GroupBlock per partition, which
 *             the BlockReducer links; on the driver, ResultRows makes the result's rows
 *   .table    the result: ResultTable, its ResultColumns (text coded by a TextDictionary)
 *             sorted by the group columns (UnsortedTable), written as CSV (Doubles);
 *             HashSlots, the open addressing the dictionaries and group tables share
 * </pre>
 *
 * <p>A row's way, in reading order: {@code group.GroupByMapper} parses the fields the aggregates
 * read into {@code agg.State.Value}s, packs the group key ({@code group.GroupKey}), finds the
 * group's number in its {@code group.GroupTable} and adds the values to each aggregate's
 * {@code agg.StateColumn}. When the worker flushes, the table leaves as one
 * {@code group.GroupBlock} per partition; the framework ships, combines and links them. On the
 * driver {@code group.ResultRows} merges each key's states once, appends a row per group to the
 * result's columns and sorts them into the {@code table.ResultTable}.
 *
 * <p>The API is this package and {@code table.ResultTable}, the result. The other public types
 * of the subpackages are public only so that the parts reach one another; they are not API.
 * Dependencies point down: {@code group} uses {@code agg}, {@code expr} and {@code table};
 * {@code agg} uses {@code expr} and {@code table}; {@code expr} and {@code table} use no other
 * part. All of them use the API's {@link org.forkreduce.examples.dataframe.ColumnType}.
 */
package org.forkreduce.examples.dataframe;
