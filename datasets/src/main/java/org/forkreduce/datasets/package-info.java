/**
 * Deterministic data generators: {@link org.forkreduce.datasets.ZipfCorpus} (text for word count)
 * and {@link org.forkreduce.datasets.G1Table} (the db-benchmark groupby table), with the
 * command line {@link org.forkreduce.datasets.DatasetsCli}; and the ten questions db-benchmark
 * asks of G1, {@link org.forkreduce.datasets.G1Questions}.
 */
package org.forkreduce.datasets;
