package id.sertiflow.notification;

import id.sertiflow.calendar.ServiceClock;
import id.sertiflow.calendar.WorkingDayCalendar;
import id.sertiflow.certificate.LearnerNews;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Turns what happened to a certificate into an e-mail to its learner, written to the outbox in the
 * transaction of the change: a change that rolls back leaves no e-mail, and one that commits leaves
 * exactly one (the outbox's key). With no SMTP server configured nothing is written; in demo mode
 * (as it starts) each e-mail is logged instead, so that a new user sees what the learners would get.
 */
@Component
class Notifications {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final Outbox outbox;
  private final OptOutLinks links;
  private final NotificationSettings settings;
  private final WorkingDayCalendar calendar;
  private final ServiceClock clock;
  private final boolean sending;
  private final boolean showUnsent;

  Notifications(Outbox outbox, OptOutLinks links, NotificationSettings settings,
      WorkingDayCalendar calendar, ServiceClock clock, Environment environment) {
    this.outbox = outbox;
    this.links = links;
    this.settings = settings;
    this.calendar = calendar;
    this.clock = clock;
    this.sending = NotificationsEnabled.in(environment);
    // in demo mode each e-mail shows in the log; elsewhere (the benchmark, a node without SMTP)
    // a learner's e-mail is no log line: at DEBUG only
    this.showUnsent = !sending && environment.acceptsProfiles(Profiles.of("demo"));
    if (!sending) {
      log.info("Learner e-mails are not sent (no spring.mail.host, or sertiflow.notifications."
          + "enabled=false){}", showUnsent
              ? ": each is written to this log instead, as \"E-mail not sent\"" : "");
    }
  }

  @EventListener
  void tell(LearnerNews news) {
    if (!sending && !showUnsent && !log.isDebugEnabled()) {
      return; // neither sent nor shown: nothing to build
    }
    Instant now = clock.now();
    String optOutUrl = links.url(news.certificateId());
    LearnerMail mail = LearnerMail.of(news, now, calendar, settings.base(), optOutUrl);
    if (sending) {
      outbox.write(new Outbox.Draft(news.certificateId(), news.key(), news.kind().name(),
          news.certificate().learnerEmail(), mail, optOutUrl), now);
    } else if (!outbox.isOptedOut(news.certificateId())) {
      log.atLevel(showUnsent ? Level.INFO : Level.DEBUG).log(
          "E-mail not sent (no SMTP server): {} to {} about {}\nSubject: {}\n\n{}", news.kind(),
          news.certificate().learnerEmail(), news.certificate().redemptionCode(), mail.subject(),
          mail.text());
    }
  }
}
