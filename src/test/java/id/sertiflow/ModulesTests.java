package id.sertiflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules' boundaries, kept by the build: each direct sub-package of {@code id.sertiflow} is a
 * module; its API is the public types of its own package, the rest is package-private there or in
 * a sub-package. No cycles between modules, and no module reaches into another past its API.
 * Camunda's internal API is used in {@code engine} only, where each use says why.
 *
 * <p>The module documentation in {@code docs/modules} is written from the same model; a change of
 * the modules that leaves it stale fails here, and {@code -Dsertiflow.write-module-docs} writes it
 * again.
 *
 * <p>It reads class files and writes only under {@code target/}: it shares nothing with the Spring
 * tests, and runs beside them (junit-platform.properties) instead of in their one thread.
 */
@Execution(ExecutionMode.CONCURRENT)
class ModulesTests {

  private static final ApplicationModules MODULES = ApplicationModules.of(SertiflowApplication.class);
  private static final Path DOCS = Path.of("docs/modules");

  @Test
  void noCyclesAndEveryOtherModuleOnlyThroughItsApi() {
    MODULES.verify();
  }

  @Test
  void camundasInternalApiOnlyInTheEngineModule() {
    JavaClasses main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("id.sertiflow");
    noClasses().that().resideOutsideOfPackage("id.sertiflow.engine..")
        .should().dependOnClassesThat().resideInAPackage("org.camunda..impl..")
        .because("Camunda's internal API changes without notice; engine says why each use is needed")
        .check(main);
  }

  @Test
  void theModuleDocumentationIsCurrent() throws IOException {
    Path written = Path.of("target/modules-docs");
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(written.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    if (Boolean.getBoolean("sertiflow.write-module-docs")) {
      copy(written, DOCS);
    }
    assertThat(contents(DOCS))
        .as("docs/modules is stale: run ./mvnw test -Dtest=ModulesTests -Dsertiflow.write-module-docs")
        .isEqualTo(contents(written));
  }

  private static Map<String, String> contents(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> list = Files.list(folder)) {
        for (Path file : list.toList()) {
          // the Documenter writes relations in no fixed order: compare the lines, not their order
          files.put(file.getFileName().toString(),
              Files.readAllLines(file).stream().sorted().toList().toString());
        }
      }
    }
    return files;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    Map<String, String> wanted = contents(from);
    try (Stream<Path> old = Files.list(to)) {
      for (Path file : old.toList()) {
        if (!wanted.containsKey(file.getFileName().toString())) {
          Files.delete(file);
        }
      }
    }
    // a file whose lines are the same in another order stays as it is: no churn in git
    Map<String, String> kept = contents(to);
    try (Stream<Path> list = Files.list(from)) {
      for (Path file : list.toList()) {
        String name = file.getFileName().toString();
        if (!wanted.get(name).equals(kept.get(name))) {
          Files.copy(file, to.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
