/**
 * The result of a group-by: {@link org.forkreduce.examples.dataframe.table.ResultTable}, the one
 * type here that is API, and what it is made of.
 *
 * <ul>
 *   <li>{@link org.forkreduce.examples.dataframe.table.ResultColumn}: one column's cells in row
 *       order, numbers in a primitive array, text as codes into a {@code TextDictionary}.
 *   <li>{@link org.forkreduce.examples.dataframe.table.UnsortedTable}: the columns while rows are
 *       appended; sorted by the group columns (a radix sort on each column's ranks) into the
 *       ResultTable.
 *   <li>{@code ResultTable.writeCsv}: the rows as CSV, doubles in their shortest form
 *       ({@code Doubles}).
 *   <li>{@link org.forkreduce.examples.dataframe.table.HashSlots}: the open addressing over
 *       bytes that the text dictionaries and the group tables share.
 * </ul>
 *
 * <p>ResultColumn, UnsortedTable, HashSlots and Doubles are public for the dataframe's other
 * parts only; they are not API.
 */
package org.forkreduce.examples.dataframe.table;
