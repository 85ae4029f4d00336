/**
 * Internal: not API. The driver-worker wire protocol: length-prefixed frames ({@link
 * org.forkreduce.internal.protocol.FrameOutput}, {@link
 * org.forkreduce.internal.protocol.FrameInput}) of Kryo-encoded {@link
 * org.forkreduce.internal.protocol.Message}s ({@link org.forkreduce.internal.protocol.Codec}),
 * opened by a {@code Hello} handshake that checks {@link
 * org.forkreduce.internal.protocol.Protocol#VERSION}. Never imports an engine or the worker
 * runtime.
 */
package org.forkreduce.internal.protocol;
