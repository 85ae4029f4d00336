/**
 * Internal: not API. Writing results: {@link org.forkreduce.internal.output.OutputCommitter}
 * holds the commit protocol (private temporary directory, {@code _SUCCESS} marker, rename into
 * place). Never imports an engine or the worker runtime.
 */
package org.forkreduce.internal.output;
