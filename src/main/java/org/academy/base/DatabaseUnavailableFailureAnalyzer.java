package org.academy.base;

import java.net.ConnectException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * When no PostgreSQL answers at start-up, say so in one line with the fix, instead of a page of
 * connection-pool stack traces.
 */
class DatabaseUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<ConnectException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConnectException cause) {
        return new FailureAnalysis(
                "No PostgreSQL server answers at the configured address (" + cause.getMessage() + ").",
                "Start PostgreSQL on 127.0.0.1:5432, or point the app at one with SPRING_DATASOURCE_URL="
                        + "jdbc:postgresql://HOST:5432/DATABASE (plus SPRING_DATASOURCE_USERNAME and "
                        + "SPRING_DATASOURCE_PASSWORD).",
                cause);
    }
}
