package org.academy.api;

import org.academy.base.push.TopicHub;
import org.academy.cohort.CohortService;
import org.academy.livesession.LiveSessionService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    ServletRegistrationBean<StreamServlet> apiStreams(StreamJournal journal, StreamViews views, StreamRegistry registry,
                                                      TopicHub hub, CohortService cohorts, LiveSessionService sessions,
                                                      @Value("${academy.api.stream.max-buffered:1000}") int maxBuffered) {
        ServletRegistrationBean<StreamServlet> registration = new ServletRegistrationBean<>(
                new StreamServlet(journal, views, registry, hub, cohorts, sessions, maxBuffered), "/api/streams/*");
        registration.setName("apiStreams");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
