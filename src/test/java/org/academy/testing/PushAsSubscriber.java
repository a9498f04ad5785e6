package org.academy.testing;

import java.util.List;
import java.util.function.Consumer;

import org.academy.base.push.Subscription;
import org.academy.base.push.Topic;
import org.academy.base.push.TopicHub;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * In production a push callback finds its user in the Vaadin session (Vaadin's security-context
 * strategy reads the HTTP session). A simulated browserless session has no HTTP session with a
 * logged-in user, so when a hub thread happens to take the session lock and run a view's update
 * itself, the services it calls found nobody logged in and the test failed at random. This wraps
 * the application's hub in tests only: a listener runs with the security context of whoever
 * subscribed it (the view's user), which is what production's session lookup gives too.
 */
@TestComponent
public class PushAsSubscriber implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof TopicHub hub && !(bean instanceof SubscriberContextHub) ? new SubscriberContextHub(hub) : bean;
    }

    static final class SubscriberContextHub implements TopicHub {

        private final TopicHub delegate;

        SubscriberContextHub(TopicHub delegate) {
            this.delegate = delegate;
        }

        @Override
        public <E> void publish(Topic<E> topic, E event) {
            delegate.publish(topic, event);
        }

        @Override
        public <E> Subscription subscribe(Topic<E> topic, Consumer<List<E>> listener) {
            SecurityContext subscriber = SecurityContextHolder.createEmptyContext();
            subscriber.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
            return delegate.subscribe(topic, events -> {
                SecurityContext previous = SecurityContextHolder.getContext();
                SecurityContextHolder.setContext(subscriber);
                try {
                    listener.accept(events);
                } finally {
                    SecurityContextHolder.setContext(previous);
                }
            });
        }

        @Override
        public <E> Subscription subscribeAsync(Topic<E> topic,
                                               java.util.function.Function<List<E>, ? extends java.util.concurrent.CompletionStage<?>> listener) {
            SecurityContext subscriber = SecurityContextHolder.createEmptyContext();
            subscriber.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
            return delegate.subscribeAsync(topic, events -> {
                SecurityContext previous = SecurityContextHolder.getContext();
                SecurityContextHolder.setContext(subscriber);
                try {
                    return listener.apply(events);
                } finally {
                    SecurityContextHolder.setContext(previous);
                }
            });
        }

        @Override
        public int subscriptionCount() {
            return delegate.subscriptionCount();
        }
    }
}
