package id.sertiflow.certificate;

import java.util.UUID;

/**
 * Published when a certificate starts (or starts again) waiting for its reports: platform
 * events that arrived while it could not take them may now apply.
 */
public record ReportingOpened(UUID certificateId) {}
