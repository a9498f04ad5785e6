package org.academy.progress.browser;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The same two browsers with push forced onto long polling, as behind a proxy that breaks WebSockets. */
@TestPropertySource(properties = "academy.push.transport=long-polling")
class LiveProgressOverLongPollingBrowserTest extends LiveProgressBrowserTest {

    @Override
    String transport() {
        return "long polling";
    }

    @Override
    void assertPushTransport() {
        assertThat(instructor.resourceUrls()).anyMatch(url -> url.contains("X-Atmosphere-Transport=long-polling"));
    }
}
