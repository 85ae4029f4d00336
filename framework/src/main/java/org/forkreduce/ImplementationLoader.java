package org.forkreduce;

import java.util.ServiceLoader;

/**
 * The framework's one {@link Implementation}, found when a factory is first called. The JVM
 * initializes this class once, under its class-initialization lock, so the look-up runs once and
 * every thread sees its result.
 */
final class ImplementationLoader {
  static final Implementation IMPLEMENTATION = load();

  private ImplementationLoader() {}

  /**
   * Looks in the class loader that loaded the API, so an application or Spark class loader that
   * differs from the thread's context loader still finds the implementation beside the API.
   *
   * @throws IllegalStateException if none is registered, which means a broken jar
   */
  private static Implementation load() {
    return ServiceLoader.load(Implementation.class, Implementation.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + Implementation.class.getName()
            + " on the class path: the jar that holds org.forkreduce lacks META-INF/services/"
            + Implementation.class.getName() + "; if it is a fat jar, merge service files "
            + "(maven-shade-plugin's ServicesResourceTransformer)"));
  }
}
