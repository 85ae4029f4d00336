package org.forkreduce.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Code outside the framework uses its API and its SPI only, never {@code org.forkreduce.internal}:
 * checked here over this module and the modules on its class path (the examples and the
 * datasets), main and test classes.
 */
@AnalyzeClasses(packages = {"org.forkreduce.spark", "org.forkreduce.examples",
    "org.forkreduce.datasets"})
class ArchitectureTest {

  @ArchTest
  static final ArchRule otherModulesUseOnlyTheApiAndTheSpi = noClasses()
      .should().dependOnClassesThat().resideInAPackage("org.forkreduce.internal..");
}
