package org.academy.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestComponent;

/**
 * Counts the SQL statements a piece of work sends to the database on the current thread, so that
 * tests can prove a query count is bounded (one page of a grid costs the same few statements with
 * ten or ten thousand rows), not only that it is fast on this machine today. Wraps the
 * application's DataSource; every statement the connection prepares or creates counts as one.
 */
@TestComponent
public class QueryCounter implements BeanPostProcessor {

    private static final ThreadLocal<int[]> STATEMENTS = ThreadLocal.withInitial(() -> new int[1]);
    private static final Set<String> COUNTED = Set.of("prepareStatement", "createStatement", "prepareCall");

    /** The work's result and how many statements it sent, on this thread. */
    public record Counted<T>(T result, int statements) {
    }

    public static <T> Counted<T> count(Supplier<T> work) {
        int before = STATEMENTS.get()[0];
        T result = work.get();
        return new Counted<>(result, STATEMENTS.get()[0] - before);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(DataSource.class, dataSource, (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Connection c ? proxy(Connection.class, c, (conn, m, a) -> {
                    if (COUNTED.contains(m.getName())) {
                        STATEMENTS.get()[0]++;
                    }
                    return invoke(conn, m, a);
                }) : result;
            });
        }
        return bean;
    }

    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler h = (p, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
                return target;
            }
            return handler.handle(target, method, args);
        };
        return (T) Proxy.newProxyInstance(QueryCounter.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
