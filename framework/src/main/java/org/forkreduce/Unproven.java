package org.forkreduce;

import java.io.Serializable;

/**
 * The meta of a split cut where its input has not proven a record boundary
 * ({@link Split#speculative()}): what the input planned for it, which its reader unwraps.
 *
 * @param meta what the input would have planned for the split had it proven the cut
 */
public record Unproven(Serializable meta) implements Serializable {}
