/**
 * JMH micro-benchmarks of the hot parts: frame encode/decode ({@link
 * org.forkreduce.benchmarks.micro.FrameBenchmark}), split reading and the CSV record path
 * ({@link org.forkreduce.benchmarks.micro.SplitReadBenchmark}), partial merge ({@link
 * org.forkreduce.benchmarks.micro.PartialMergeBenchmark}) and the word tokenizer ({@link
 * org.forkreduce.benchmarks.micro.TokenizerBenchmark}). Run them with {@code java -cp
 * benchmarks/target/benchmarks.jar org.openjdk.jmh.Main} (add a name pattern to pick some).
 */
package org.forkreduce.benchmarks.micro;
