package id.sertiflow.simulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Every bean of the simulator carries this: none of it exists unless
 * {@code sertiflow.simulator.enabled=true} (the demo profile), so production never answers on
 * {@code /simulator/**} and never sends a callback of its own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = "sertiflow.simulator.enabled", havingValue = "true")
@interface ConditionalOnSimulator {}
