package org.academy.notification;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The mail worker, digests and reminders run on Spring's scheduler. Several nodes may run them at
 * once: claims use {@code for update skip locked} and every queued row has a unique key, so each
 * mail, digest and reminder is queued and sent once (decision 0010). Harmless beside the
 * foundation's own {@code @EnableScheduling}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationScheduling {
}
