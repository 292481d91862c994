package id.sertiflow;

import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SertiflowApplication {

  /**
   * Deadlines are instants and the API writes Jakarta time, but Camunda evaluates timer cron
   * expressions (the daily report at 10:00 WIB) in the JVM's zone, so every node runs in it.
   */
  public static final String ZONE = "Asia/Jakarta";

  public static void main(String[] args) {
    TimeZone.setDefault(TimeZone.getTimeZone(ZONE));
    SpringApplication.run(SertiflowApplication.class, args);
  }
}
