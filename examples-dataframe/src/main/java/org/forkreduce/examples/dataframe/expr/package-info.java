/**
 * What a group-by computes: its aggregate expressions. {@link
 * org.forkreduce.examples.dataframe.expr.Expr#parse} reads {@code EXPR [AS name]} into an
 * {@link org.forkreduce.examples.dataframe.expr.Expr} whose leaves are aggregate calls
 * ({@link org.forkreduce.examples.dataframe.expr.AggCall}: {@code sum(v1)}, {@code top(v3, 2)});
 * the group-by keeps one state per distinct call and evaluates the expressions from the calls'
 * results, group by group.
 *
 * <p>Not API: public for the dataframe's other parts only.
 */
package org.forkreduce.examples.dataframe.expr;
