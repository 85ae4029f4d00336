package org.forkreduce.spark;

import org.apache.spark.SparkConf;

/** The configuration of a context that {@link SparkEngine#start} creates. */
final class SparkSettings {
  private SparkSettings() {}

  static SparkConf conf(String master, int workers) {
    // new SparkConf() reads the spark.* system properties that spark-submit sets
    SparkConf conf = new SparkConf();
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[" + workers + "]");
    }
    conf.setIfMissing("spark.app.name", "forkreduce");
    if (conf.get("spark.master").startsWith("local")) {
      // one machine: no web UI, and Spark's driver endpoints on loopback only
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    return conf;
  }
}
