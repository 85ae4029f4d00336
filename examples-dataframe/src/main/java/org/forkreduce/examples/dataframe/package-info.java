/**
 * A DataFrame-style group-by over CSV files, built on ForkReduce's Mapper and Reducer. Start at
 * {@link org.forkreduce.examples.dataframe.DataFrame}; the command line is
 * {@link org.forkreduce.examples.dataframe.DataFrameCli}.
 */
package org.forkreduce.examples.dataframe;
