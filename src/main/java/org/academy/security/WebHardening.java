package org.academy.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import com.vaadin.flow.spring.SpringServlet;
import jakarta.servlet.DispatcherType;

/**
 * What the browser is told to enforce, and who may reach the push connection: response headers,
 * the origin check in front of Vaadin, and Atmosphere's CORS answer switched off.
 */
@Configuration
class WebHardening {

    /**
     * Vaadin's client needs inline and evaluated scripts and inline styles (its bootstrap and the
     * expressions the server sends); everything else is locked to this origin. No plugins, no
     * foreign frames around our pages, forms post only here, and the push WebSocket may connect
     * to this host only.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'%s; "
            + "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

    /** Applied by {@link SecurityConfig} to every response of the security filter chain. */
    static void headers(HeadersConfigurer<HttpSecurity> headers) {
        // Written before the request goes on: Vaadin commits its pages and UIDL answers through
        // the forwarded response, where headers written on commit never arrived.
        headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        });
        headers.contentTypeOptions(nosniff -> { })
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::sameOrigin)
                // Invitation and reset links carry their token in the path: never sent to another site.
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .addHeaderWriter((request, response) -> {
                    if (!response.containsHeader("Content-Security-Policy")) {
                        // 'self' covers ws: in current browsers; the explicit origin is for older ones.
                        String webSocket = WebOrigins.ownWebSocket(request).map(o -> " " + o).orElse("");
                        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY.formatted(webSocket));
                    }
                });
    }

    @Bean
    FilterRegistrationBean<OriginCheckFilter> originCheckFilter(WebOrigins origins) {
        FilterRegistrationBean<OriginCheckFilter> registration = new FilterRegistrationBean<>(new OriginCheckFilter(origins));
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        // Before Spring Security: a foreign page's request is refused before anything else looks at it.
        registration.setOrder(org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /**
     * Atmosphere answers long polling with {@code Access-Control-Allow-Origin: <any origin>} and
     * credentials allowed unless told not to. The push connection is same-origin only, so it never
     * needs CORS.
     */
    @Bean
    static BeanPostProcessor atmosphereWithoutCors() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ServletRegistrationBean<?> registration && registration.getServlet() instanceof SpringServlet) {
                    registration.addInitParameter("org.atmosphere.cpr.dropAccessControlAllowOriginHeader", "true");
                }
                return bean;
            }
        };
    }
}
