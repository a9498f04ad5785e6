package org.academy.base;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says when the node takes work: after start-up tasks (migrations, demo data) have run, which is
 * later than the web server's "started". Scripts and process tests wait for this line.
 */
@Component
class ReadinessLog {

    static final String READY = "Academy is ready";

    private static final Logger log = LoggerFactory.getLogger(ReadinessLog.class);

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        log.info("{} (port {})", READY, event.getApplicationContext().getEnvironment().getProperty("local.server.port"));
    }
}
