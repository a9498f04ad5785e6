package org.academy.testing;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * The test JVM keeps several Spring contexts, and Vaadin gives each its own security-context
 * strategy, installing the newest one in the static {@link SecurityContextHolder}. Method
 * security checks through its own context's strategy, while tests log in through the static
 * holder; so before each test the holder is pointed back at the strategy of the context the test
 * runs in, as it always is in production's single context.
 */
public class SecurityContextStrategyPerContext implements TestExecutionListener {

    @Override
    public void beforeTestClass(TestContext testContext) {
        use(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        use(testContext);
    }

    private static void use(TestContext testContext) {
        SecurityContextHolderStrategy strategy = testContext.getApplicationContext()
                .getBeanProvider(SecurityContextHolderStrategy.class).getIfUnique();
        if (strategy != null) {
            SecurityContextHolder.setContextHolderStrategy(strategy);
        }
    }
}
