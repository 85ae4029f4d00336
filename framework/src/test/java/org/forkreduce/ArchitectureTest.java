package org.forkreduce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The layering rules of the framework's packages, checked on its classes (the rule for the other
 * modules, that they use only the API and the SPI, is runner-spark's {@code ArchitectureTest}).
 */
@AnalyzeClasses(packages = "org.forkreduce", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ENGINES = "org.forkreduce.internal.engine..";
  private static final String RUNTIME = "org.forkreduce.internal.runtime..";
  private static final String WORKER = "org.forkreduce.internal.worker..";
  private static final String POOL = "org.forkreduce.pool..";

  @ArchTest
  static final ArchRule lowerLayersNeverImportTheEnginesOrTheWorkerRuntime = noClasses().that()
      .resideInAnyPackage("org.forkreduce.internal.input..", "org.forkreduce.internal.serde..",
          "org.forkreduce.internal.protocol..", "org.forkreduce.internal.reduce..",
          "org.forkreduce.internal.output..", "org.forkreduce.internal.spill..",
          "org.forkreduce.stats..", "org.forkreduce.spi..")
      .should().dependOnClassesThat().resideInAnyPackage(ENGINES, RUNTIME, WORKER, POOL);

  @ArchTest
  static final ArchRule theWorkerNeverImportsTheDriverSide = noClasses().that()
      .resideInAPackage(WORKER)
      .should().dependOnClassesThat().resideInAnyPackage(ENGINES, RUNTIME, POOL);

  @ArchTest
  static final ArchRule theRuntimeServesTheEnginesAndThePoolAlike = noClasses().that()
      .resideInAPackage(RUNTIME)
      .should().dependOnClassesThat().resideInAnyPackage(ENGINES, POOL);

  /**
   * The core API (the root package and {@code stats}) depends on no other package of the
   * framework: the implementation, the SPI, the pool and the testing aids all build on it. The
   * factories of {@link Engine} and {@link Inputs} reach the implementation through {@link
   * Implementation}, found with {@link java.util.ServiceLoader}.
   */
  @ArchTest
  static final ArchRule theCoreApiDependsOnNothingElseOfTheFramework = noClasses()
      .that().resideInAnyPackage("org.forkreduce", "org.forkreduce.stats")
      .should().dependOnClassesThat().resideInAnyPackage("org.forkreduce.internal..",
          "org.forkreduce.spi..", POOL, "org.forkreduce.testing..");

  /**
   * The pool and the testing aids are API built on the implementation's lower layers (the pool
   * starts its workers with the runtime; {@code ReducerTester} merges as the engines do), never
   * on an engine.
   */
  @ArchTest
  static final ArchRule thePoolAndTheTestingAidsNeverImportAnEngine = noClasses()
      .that().resideInAnyPackage(POOL, "org.forkreduce.testing..")
      .should().dependOnClassesThat().resideInAnyPackage(ENGINES, WORKER);

  /** No package cycles, with no exception. */
  @ArchTest
  static final ArchRule noPackageCycles = slices().assignedFrom(byPackage())
      .should().beFreeOfCycles();

  private static SliceAssignment byPackage() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        return SliceIdentifier.of(javaClass.getPackageName());
      }

      @Override
      public String getDescription() {
        return "packages";
      }
    };
  }
}
