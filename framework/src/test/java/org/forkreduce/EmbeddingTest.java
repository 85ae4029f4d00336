package org.forkreduce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs as an application embeds them: lambda mappers, captured values, and classes that are not
 * on {@code java.class.path} (a class directory, a class loader such as {@code mvn exec:java}'s).
 */
class EmbeddingTest {
  private static final String TEXT = "b a c\nA b\nc c b\nzeta\n";
  private static final Map<String, Long> COUNTS =
      Map.of("b", 3L, "a", 1L, "A", 1L, "c", 3L, "zeta", 1L);

  @TempDir Path dir;
  Path input;

  @BeforeEach
  void writeInput() throws Exception {
    input = Files.writeString(dir.resolve("in.txt"), TEXT, UTF_8);
  }

  private static List<Supplier<Engine>> everyEngine() {
    return List.of(Engine::inline, () -> Engine.threads(2), () -> Engine.processes(2),
        () -> Engine.auto(WorkerOptions.defaults().workers(2)));
  }

  @Test
  void lambdaMapper_typeWitnessOrTypedParameters_compileAndRun() {
    Job<String, String, Long> witness = Job.of(Inputs.textLines(input))
        .<String, Long>mapper((line, out) -> {
          for (String w : line.split(" ")) {
            out.emit(w, 1L);
          }
        })
        .reducer(Long::sum);
    Job<String, String, Long> typed = Job.of(Inputs.textLines(input))
        .mapper((String line, Emitter<String, Long> out) -> {
          for (String w : line.split(" ")) {
            out.emit(w, 1L);
          }
        })
        .reducer(Long::sum);
    try (Engine engine = Engine.inline()) {
      assertThat(witness.run(engine).toMap()).isEqualTo(COUNTS);
      assertThat(typed.run(engine).toMap()).isEqualTo(COUNTS);
    }
  }

  @Test
  void mapper_capturesUnserializable_refusedBeforeAnyWorkOnEveryEngine() {
    Thread unshippable = new Thread(() -> { });
    AtomicInteger progress = new AtomicInteger();
    Job<String, String, Long> job = Job.of(Inputs.textLines(input))
        .<String, Long>mapper((line, out) -> out.emit(line + unshippable.getName(), 1L))
        .reducer(Long::sum)
        .progress((bytes, total, splits, all) -> progress.incrementAndGet());
    for (Supplier<Engine> make : everyEngine()) {
      try (Engine engine = make.get()) {
        assertThatThrownBy(() -> job.run(engine)).as(engine.name())
            .isInstanceOf(NotShippableException.class)
            .hasMessageContaining("The mapper (a lambda in " + EmbeddingTest.class.getName() + ")")
            .hasMessageContaining("it captures a java.lang.Thread");
      }
    }
    assertThat(progress).hasValue(0);
  }

  @Test
  void reducer_capturesUnserializable_refusedNamingItsClass() {
    Thread unshippable = new Thread(() -> { });
    Job<String, String, Long> job = Job.of(Inputs.textLines(input))
        .<String, Long>mapper((line, out) -> out.emit(line, 1L))
        .reducer((a, b) -> unshippable.isAlive() ? a : a + b);
    try (Engine engine = Engine.inline()) {
      assertThatThrownBy(() -> job.run(engine)).isInstanceOf(NotShippableException.class)
          .hasMessageContaining("The reducer (a lambda in " + EmbeddingTest.class.getName())
          .hasMessageContaining("java.lang.Thread");
    }
  }

  /** A job's class that only a class loader of its own knows: refused before any work. */
  @Test
  void mapperClassNotOnWorkersClassPath_refusedNamingTheClassAndTheFix() throws Exception {
    Path classes = compile("Upper", """
        public class Upper implements org.forkreduce.Mapper<String, String, Long> {
          @Override
          public void map(String line, org.forkreduce.Emitter<String, Long> out) {
            out.emit(line.toUpperCase(java.util.Locale.ROOT), 1L);
          }
        }
        """, System.getProperty("java.class.path"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        getClass().getClassLoader())) {
      @SuppressWarnings("unchecked")
      Mapper<String, String, Long> upper = (Mapper<String, String, Long>)
          loader.loadClass("Upper").getConstructor().newInstance();
      Job<String, String, Long> job = Job.of(Inputs.textLines(input)).mapper(upper)
          .reducer(Long::sum);
      try (Engine engine = Engine.processes(WorkerOptions.defaults().workers(1))) {
        assertThatThrownBy(() -> job.run(engine)).isInstanceOf(NotShippableException.class)
            .hasMessageContaining("The workers cannot load the mapper's class Upper")
            .hasMessageContaining("WorkerOptions.defaults().classPath(Path.of(\"" + classes
                + "\"))");
      }
      try (Engine engine = Engine.processes(
          WorkerOptions.defaults().workers(1).classPath(classes))) {
        assertThat(job.run(engine).toMap())
            .isEqualTo(Map.of("B A C", 1L, "A B", 1L, "C C B", 1L, "ZETA", 1L));
      }
    }
  }

  private static final String APP = """
      import java.nio.file.Path;
      import java.util.TreeMap;
      import org.forkreduce.Engine;
      import org.forkreduce.Inputs;
      import org.forkreduce.Job;

      public class App {
        public static void main(String[] args) {
          try (Engine engine = Engine.processes(2)) {
            System.out.println(new TreeMap<>(Job.of(Inputs.textLines(Path.of(args[0])))
                .<String, Long>mapper((line, out) -> {
                  for (String w : line.split(" ")) {
                    out.emit(w, 1L);
                  }
                })
                .reducer(Long::sum).splitSize(4).run(engine).toMap()));
          }
        }
      }
      """;

  /**
   * As {@code mvn exec:java} runs a main class: the application's classes and all its
   * dependencies, the framework too, in a class loader of their own, set as the thread's context
   * loader, while {@code java.class.path} holds only the launcher.
   */
  private static final String LAUNCHER = """
      import java.io.File;
      import java.net.URL;
      import java.net.URLClassLoader;
      import java.nio.file.Path;

      public class Launcher {
        public static void main(String[] args) throws Exception {
          String[] entries = args[0].split(File.pathSeparator);
          URL[] urls = new URL[entries.length];
          for (int i = 0; i < urls.length; i++) {
            urls[i] = Path.of(entries[i]).toUri().toURL();
          }
          URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
          Thread.currentThread().setContextClassLoader(loader);
          loader.loadClass(args[1]).getMethod("main", String[].class)
              .invoke(null, (Object) new String[] {args[2]});
        }
      }
      """;

  @Test
  void appFromClassDirectory_separateJvm_runsOnProcesses() throws Exception {
    String classPath = System.getProperty("java.class.path");
    Path app = compile("App", APP, classPath);
    String expected = new TreeMap<>(COUNTS) + "\n";
    assertThat(runJava(app + File.pathSeparator + classPath, "App", input.toString()))
        .isEqualTo(expected);
    Path launcher = compile("Launcher", LAUNCHER, classPath);
    assertThat(runJava(launcher.toString(), "Launcher", app + File.pathSeparator + classPath,
        "App", input.toString())).isEqualTo(expected);
  }

  private Path compile(String name, String source, String classPath) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src-" + name));
    Path classes = Files.createDirectories(dir.resolve("classes-" + name));
    Path file = Files.writeString(src.resolve(name + ".java"), source, UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("--release", "17", "-proc:none", "-classpath", classPath, "-d",
            classes.toString()),
        null, javac.getStandardFileManager(null, null, UTF_8).getJavaFileObjects(file)).call();
    assertThat(compiled).as("%s compiles: %s", name, diagnostics).isTrue();
    return classes;
  }

  /** Runs a JVM to its end (killing it if it overruns) and returns its stdout. */
  private String runJava(String classPath, String... mainAndArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath));
    command.addAll(List.of(mainAndArgs));
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    try {
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the JVM finishes").isTrue();
    } finally {
      process.destroyForcibly().waitFor();
    }
    assertThat(process.exitValue()).as(Files.readString(stderr, UTF_8)).isZero();
    return Files.readString(stdout, UTF_8);
  }
}
