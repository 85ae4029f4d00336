/**
 * The driver side: planning splits, handing them to workers, supervising them and assembling the
 * result. Start at {@link org.forkreduce.driver.Engines}; the in-JVM engines are in
 * {@code LocalEngine}.
 */
package org.forkreduce.driver;
