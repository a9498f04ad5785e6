package org.academy.api;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * A small socket send buffer, so that a client that stops reading fills it after a few kilobytes
 * instead of the megabytes loopback would otherwise take (the cut-off is then reached quickly).
 */
@TestConfiguration(proxyBeanMethods = false)
class StreamTestConfig {

    @Bean
    TomcatConnectorCustomizer smallSendBuffer() {
        return connector -> connector.setProperty("socket.txBufSize", "8192");
    }
}
