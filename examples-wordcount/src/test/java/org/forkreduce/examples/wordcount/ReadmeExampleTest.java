package org.forkreduce.examples.wordcount;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use it from code" example, taken from README.md as printed: it must compile on
 * its own (imports and all, without a warning) and, run as a program in a JVM of its own on the
 * framework's class path, count the words of a file and write them out. So the README cannot
 * drift from the API.
 */
class ReadmeExampleTest {
  static final String SECTION = "## Use it from code";

  @TempDir Path dir;

  /** The first {@code java} block under the section heading, as README.md prints it. */
  static String example() throws IOException {
    Path readme = Path.of(System.getProperty("basedir", ".")).resolve("../README.md");
    List<String> lines = Files.readAllLines(readme, UTF_8);
    int section = lines.indexOf(SECTION);
    assertThat(section).as("README.md has a '%s' section", SECTION).isNotNegative();
    int start = lines.subList(section, lines.size()).indexOf("```java");
    assertThat(start).as("a java block under '%s'", SECTION).isNotNegative();
    start += section + 1;
    int end = lines.subList(start, lines.size()).indexOf("```") + start;
    assertThat(end).as("the java block under '%s' is closed", SECTION).isGreaterThan(start);
    return String.join("\n", lines.subList(start, end)) + "\n";
  }

  @Test
  void useItFromCode_compilesAsPrintedAndRuns() throws Exception {
    String source = example();
    Matcher type = Pattern.compile("public (?:final )?class (\\w+)").matcher(source);
    assertThat(type.find()).as("the example declares a public class").isTrue();
    String name = type.group(1);
    assertThat(source).as("the example is complete: it has its imports")
        .contains("import org.forkreduce.");

    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path file = Files.writeString(src.resolve(name + ".java"), source, UTF_8);
    String classPath = System.getProperty("java.class.path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("--release", "17", "-proc:none", "-Xlint:all,-serial", "-Werror",
            "-classpath", classPath, "-d", classes.toString()),
        null, javac.getStandardFileManager(null, null, UTF_8).getJavaFileObjects(file)).call();
    assertThat(compiled).as("the README example compiles: %s", diagnostics).isTrue();

    Path input = Files.writeString(dir.resolve("in.txt"), "b a c\r\nA b\nc c, b\nzeta", UTF_8);
    Path output = dir.resolve("out");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classes + File.pathSeparator + classPath, name, input.toString(), output.toString()));
    Process run = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the example finishes").isTrue();
    assertThat(run.exitValue()).as(Files.readString(stderr, UTF_8)).isZero();

    assertThat(Files.readString(stdout, UTF_8)).isEqualTo("4 distinct words, 9 in all\n");
    assertThat(Files.readString(output.resolve("part-00000"), UTF_8))
        .isEqualTo("a\t2\nb\t3\nc\t3\nzeta\t1\n");
    assertThat(output.resolve("_SUCCESS")).exists();
  }
}
