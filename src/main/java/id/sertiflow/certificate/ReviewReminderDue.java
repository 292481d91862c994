package id.sertiflow.certificate;

import java.util.UUID;

/**
 * Published once per certificate when its report to the platform is awaited and the learner has
 * not reviewed and rated the class: the incentive is paid only with both, so the learner is told
 * while there is time. A sender of e-mail or app notifications listens to it.
 */
public record ReviewReminderDue(UUID certificateId) {}
