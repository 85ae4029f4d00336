/**
 * The driver-worker wire protocol (internal): length-prefixed frames ({@link
 * org.forkreduce.protocol.FrameOutput}, {@link org.forkreduce.protocol.FrameInput}) of
 * Kryo-encoded {@link org.forkreduce.protocol.Message}s ({@link org.forkreduce.protocol.Codec}),
 * opened by a {@code Hello} handshake that checks {@link org.forkreduce.protocol.Protocol#VERSION}.
 * Never imports the driver or worker packages.
 */
package org.forkreduce.protocol;
