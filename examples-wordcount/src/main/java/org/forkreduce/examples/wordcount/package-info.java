/**
 * Word count on ForkReduce: {@link org.forkreduce.examples.wordcount.WordCountMapper} is the job,
 * {@link org.forkreduce.examples.wordcount.WordCountCli} the command line.
 */
package org.forkreduce.examples.wordcount;
