package org.academy.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The whole application against the real local PostgreSQL (a schema of this run's own). */
@Target(ElementType.TYPE)
@java.lang.annotation.Inherited
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@Import({Fixtures.class, Sessions.class, QueryCounter.class, PushAsSubscriber.class, TestClock.Configuration.class})
public @interface IntegrationTest {
}
