package org.forkreduce.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The runs of one contender in one job: values (seconds, or a metric's unit) and failures. */
final class Measurement {
  final String job;
  final String contender;
  final String unit;
  final List<Double> values = new ArrayList<>();
  String failure;

  Measurement(String job, String contender, String unit) {
    this.job = job;
    this.contender = contender;
    this.unit = unit;
  }

  /** Measured, or skipped for a stated reason (a peer this machine cannot run). */
  boolean ok() {
    return failure == null ? !values.isEmpty() : failure.startsWith("skipped");
  }

  /** Whether there are values to report: measured, not skipped nor failed. */
  boolean measured() {
    return failure == null && !values.isEmpty();
  }

  double median() {
    return PoolOverhead.median(values);
  }

  double min() {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  double max() {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
