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
import org.forkreduce.internal.engine.Engines;
import org.forkreduce.internal.input.Formats;

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
          "org.forkreduce.internal.output..", "org.forkreduce.stats..", "org.forkreduce.spi..")
      .should().dependOnClassesThat().resideInAnyPackage(ENGINES, RUNTIME, WORKER, POOL);

  @ArchTest
  static final ArchRule theWorkerNeverImportsTheDriverSide = noClasses().that()
      .resideInAPackage(WORKER)
      .should().dependOnClassesThat().resideInAnyPackage(ENGINES, RUNTIME, POOL);

  @ArchTest
  static final ArchRule theRuntimeServesTheEnginesAndThePoolAlike = noClasses().that()
      .resideInAPackage(RUNTIME)
      .should().dependOnClassesThat().resideInAnyPackage(ENGINES, POOL);

  /** The factories of Engine and Inputs are the API's one way into the implementation. */
  @ArchTest
  static final ArchRule theApiReachesTheImplementationOnlyThroughItsFactories = noClasses()
      .that().resideInAnyPackage("org.forkreduce", "org.forkreduce.stats")
      .and().doNotBelongToAnyOf(Engine.class, Inputs.class)
      .should().dependOnClassesThat().resideInAPackage("org.forkreduce.internal..");

  /**
   * No package cycles. The factories above are the exception: the API's types are used by the
   * implementation they create, so {@code Engine.inline()} and {@code Inputs.csv()} close a loop
   * that no other class may.
   */
  @ArchTest
  static final ArchRule noPackageCycles = slices().assignedFrom(byPackage())
      .should().beFreeOfCycles()
      .ignoreDependency(Engine.class, Engines.class)
      .ignoreDependency(Inputs.class, Formats.class);

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
