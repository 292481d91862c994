package id.sertiflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on its test database, one Spring context shared by every test class. The
 * coverage parse listener is always on, so that the process tests can measure flow-node coverage
 * without a context of their own. It listens on a real port as well, for the doors only a servlet
 * container shows (Camunda's engine REST API and web apps); MockMvc reaches the rest. The
 * platforms it reports to are {@link StubPlatforms}, and its SMTP server is {@link TestMail}, each on
 * a port of the system's choosing. Its engine leaves Camunda's parsed SQL mappings to the test JVM's
 * other engines ({@link MappingsParsedOnce}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import({ProcessEngineCoverageConfiguration.class, CoverageSettings.class, MappingsParsedOnce.class})
@ContextConfiguration(initializers = {StubPlatforms.class, TestMail.class})
public @interface SertiflowTest {}
