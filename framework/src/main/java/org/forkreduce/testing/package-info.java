/**
 * Helpers for users' own tests. Start at {@link org.forkreduce.testing.ReducerTester}, which checks
 * a reducer's laws over random shardings and merge orders.
 */
package org.forkreduce.testing;
