package org.academy.notification;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The academy.mail.* settings (README, Configuration). spring.mail.* configures the SMTP server itself. */
@Component
class MailSettings {

    final String from;
    final String publicUrl;
    final int maxAttempts;
    final Duration firstRetry;
    final Duration maxRetry;
    final Duration lease;
    final int batchSize;

    MailSettings(@Value("${academy.mail.from:Academy <no-reply@academy.invalid>}") String from,
                 @Value("${academy.public-url:http://localhost:8080}") String publicUrl,
                 @Value("${academy.mail.max-attempts:8}") int maxAttempts,
                 @Value("${academy.mail.first-retry:30s}") Duration firstRetry,
                 @Value("${academy.mail.max-retry:1h}") Duration maxRetry,
                 @Value("${academy.mail.lease:2m}") Duration lease,
                 @Value("${academy.mail.batch-size:50}") int batchSize) {
        this.from = from;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.lease = lease;
        this.batchSize = Math.max(1, batchSize);
    }

    /** Exponential back-off: the first retry after firstRetry, each next one twice as late, capped. */
    Duration backoff(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration d = firstRetry.multipliedBy(1L << doublings);
        return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }

    String absolute(String link) {
        if (link == null) {
            return publicUrl + "/";
        }
        return link.startsWith("http://") || link.startsWith("https://") ? link : publicUrl + "/" + link;
    }
}
