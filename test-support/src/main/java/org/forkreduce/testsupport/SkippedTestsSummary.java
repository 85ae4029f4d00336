package org.forkreduce.testsupport;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says in the console why tests were skipped. Surefire's summary only counts them, and a test
 * that needs the third-party files in {@code ../shared/data} skips (by an assumption) when they
 * are absent, so a green build could hide that half a suite did not run. At the end of each test
 * run this prints one line per reason: how many tests it skipped, and in which classes.
 *
 * <p>Registered for the JUnit Platform through {@code META-INF/services}, so a module gets it by
 * depending on this artifact in test scope.
 */
public final class SkippedTestsSummary implements TestExecutionListener {
  private final Map<String, Skips> byReason = new LinkedHashMap<>();
  private final PrintStream out;

  /** Prints to {@code System.out}, which surefire shows in its console output. */
  public SkippedTestsSummary() {
    this(System.out);
  }

  SkippedTestsSummary(PrintStream out) {
    this.out = out;
  }

  private static final class Skips {
    int tests;
    final Set<String> classes = new LinkedHashSet<>();
  }

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    byReason.clear();
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    record(test, reason == null || reason.isBlank() ? "disabled" : reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason = result.getThrowable().map(Throwable::getMessage).orElse(null);
      record(test, reason == null || reason.isBlank() ? "aborted" : reason);
    }
  }

  private void record(TestIdentifier test, String reason) {
    Skips skips = byReason.computeIfAbsent(reason.replaceFirst("^Assumption failed: ", ""),
        r -> new Skips());
    skips.tests++;
    String type = className(test);
    if (type != null) {
      skips.classes.add(type.substring(type.lastIndexOf('.') + 1));
    }
  }

  private static String className(TestIdentifier test) {
    TestSource source = test.getSource().orElse(null);
    if (source instanceof MethodSource method) {
      return method.getClassName();
    }
    if (source instanceof ClassSource type) {
      return type.getClassName();
    }
    return null;
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    List<String> lines = new ArrayList<>();
    byReason.forEach((reason, skips) -> lines.add(String.format(
        "Skipped %d %s in %s: %s", skips.tests, skips.tests == 1 ? "test" : "tests",
        String.join(", ", skips.classes), reason)));
    lines.forEach(out::println);
    out.flush();
  }
}
