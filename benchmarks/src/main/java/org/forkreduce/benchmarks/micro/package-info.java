/**
 * JMH micro-benchmarks of what the public API and SPI offer: split reading and the CSV record path
 * ({@link org.forkreduce.benchmarks.micro.SplitReadBenchmark}) and the word tokenizer ({@link
 * org.forkreduce.benchmarks.micro.TokenizerBenchmark}). Run them with {@code java -cp
 * benchmarks/target/benchmarks.jar org.openjdk.jmh.Main} (add a name pattern to pick some). The
 * benchmarks of internals (frame encode/decode, partial merge) live beside their code, in the
 * framework's test sources.
 */
package org.forkreduce.benchmarks.micro;
