/**
 * Internal: not API. Tree-reduction planning and merging: pure, no I/O, property-tested. Start at
 * {@link org.forkreduce.internal.reduce.TreeReduction}. Never imports an engine or the worker
 * runtime.
 */
package org.forkreduce.internal.reduce;
