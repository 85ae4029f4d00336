package org.forkreduce.internal.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.forkreduce.NotShippableException;
import org.forkreduce.WorkerOptions;
import org.forkreduce.internal.serde.Lambdas;
import org.forkreduce.internal.worker.WorkerMain;

/**
 * The class path of worker JVMs: this JVM's {@code java.class.path}; the file URLs of the
 * thread context class loader and its parents (where {@code mvn exec:java}, application servers
 * and test runners put the application's classes); the jars that hold the framework and its
 * dependencies (which an embedding application may load from elsewhere); and the entries the
 * options add. Fixed when a worker group is made, on the thread that makes it.
 */
public final class WorkerClassPath {
  private final List<String> entries;

  private WorkerClassPath(List<String> entries) {
    this.entries = entries;
  }

  /** The class path for workers started with {@code options}, as seen from this thread. */
  static WorkerClassPath of(WorkerOptions options) {
    Set<String> entries = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(Path.of(e).toAbsolutePath().toString());
      }
    }
    ClassLoader system = ClassLoader.getSystemClassLoader();
    for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null
        && l != system; l = l.getParent()) {
      if (l instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          file(url).ifPresent(entries::add);
        }
      }
    }
    for (Class<?> c : new Class<?>[] {WorkerMain.class,
        com.esotericsoftware.kryo.kryo5.Kryo.class, org.slf4j.LoggerFactory.class,
        org.apache.commons.csv.CSVFormat.class, org.apache.commons.io.IOUtils.class,
        ch.randelshofer.fastdoubleparser.JavaDoubleParser.class}) {
      codeSource(c).ifPresent(entries::add);
    }
    entries.addAll(options.extraClassPath());
    return new WorkerClassPath(List.copyOf(entries));
  }

  /** The entries joined for {@code -cp}. */
  String joined() {
    return String.join(File.pathSeparator, entries);
  }

  /**
   * Proves, before any work, that workers can load the class of {@code value} (for a lambda, the
   * class that holds its code): its class file must be found on their class path. Classes of the
   * JDK always are.
   *
   * @param role what the value is, for the message ("mapper", "reducer", "input")
   * @throws NotShippableException naming the class, where this JVM loaded it from, and the
   *     {@code WorkerOptions.classPath} call that adds it
   */
  public void requireLoadable(Object value, String role) {
    Class<?> type = value.getClass();
    String name = Lambdas.serialized(value).map(Lambdas::capturingClass).orElse(type.getName());
    ClassLoader loader = type.getClassLoader();
    if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
      return;
    }
    try (URLClassLoader workers = new URLClassLoader(urls(),
        ClassLoader.getPlatformClassLoader())) {
      if (workers.getResource(name.replace('.', '/') + ".class") != null) {
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<String> from = codeSource(type);
    throw new NotShippableException("The workers cannot load the " + role + "'s class " + name
        + (from.isPresent() ? ": this JVM loaded it from " + from.get() + ", which" : ", which")
        + " is not on their class path (" + joined() + "). Add it: WorkerOptions.defaults()"
        + ".classPath(Path.of(\"" + from.orElse("the directory or jar that holds it") + "\"))"
        + ", passed to Engine.processes(options) or Engine.auto(options).", null);
  }

  private URL[] urls() {
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = Path.of(entries.get(i)).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException("not a class path entry: " + entries.get(i), e);
      }
    }
    return urls;
  }

  private static Optional<String> codeSource(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? Optional.empty()
        : file(source.getLocation());
  }

  private static Optional<String> file(URL url) {
    if (!"file".equals(url.getProtocol())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(url.toURI()).toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
