/**
 * Writing results: {@link org.forkreduce.output.OutputCommitter} holds the commit protocol
 * (private temporary directory, {@code _SUCCESS} marker, rename into place).
 */
package org.forkreduce.output;
