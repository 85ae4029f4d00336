package org.forkreduce.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Engine.named("spark", ...)} in a class path with runner-spark but without Spark. */
class NoSparkTest {

  @Test
  void named_sparkMissing_saysWhichArtifactToAdd() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("/org/apache/spark/") && !entry.contains("/org/scala-lang/")) {
        urls.add(toUrl(entry));
      }
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader noSpark = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(noSpark);
      Method named = noSpark.loadClass("org.forkreduce.Engine")
          .getMethod("named", String.class, int.class, String.class);
      Throwable thrown = null;
      try {
        named.invoke(null, "spark", 2, "local[2]");
      } catch (InvocationTargetException e) {
        thrown = e.getCause();
      }
      assertThat(thrown).isNotNull();
      assertThat(thrown.getClass().getName()).isEqualTo(IllegalStateException.class.getName());
      assertThat(thrown.getMessage()).contains("org.apache.spark:spark-core_2.13")
          .contains("spark-submit");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static URL toUrl(String entry) {
    try {
      return new File(entry).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(entry, e);
    }
  }
}
