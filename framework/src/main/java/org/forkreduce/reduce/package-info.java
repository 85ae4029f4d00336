/**
 * Tree-reduction planning and merging: pure, no I/O, property-tested. Start at
 * {@link org.forkreduce.reduce.TreeReduction}.
 */
package org.forkreduce.reduce;
