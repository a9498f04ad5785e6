package org.academy.base.ui;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.academy.security.DatabaseOutage;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.ErrorParameter;

import static org.assertj.core.api.Assertions.assertThat;

/** While the database is away, people read one plain sentence, never "something went wrong" or a stack. */
class DatabaseUnavailableMessageTest {

    /** What Hikari throws when no connection came within its connection-timeout, as JPA's transaction manager wraps it. */
    static Exception poolGaveUp() {
        return new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                new org.hibernate.exception.JDBCConnectionException("Unable to acquire JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms")));
    }

    /** What the PostgreSQL driver throws when the socket of a pooled connection was reset, as JdbcClient wraps it. */
    static Exception connectionReset() {
        return new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
    }

    @Test
    void a_click_that_fails_because_the_database_cannot_be_reached_says_the_service_is_briefly_unavailable() {
        assertThat(VaadinServiceSetup.messageFor(poolGaveUp()))
                .isEqualTo("The service is briefly unavailable. Please try again in a moment.");
        assertThat(VaadinServiceSetup.messageFor(new RuntimeException("in a listener", connectionReset())))
                .isEqualTo(DatabaseOutage.MESSAGE);
    }

    @Test
    void a_reset_in_the_middle_of_a_transaction_reported_as_a_failed_rollback_also_says_briefly_unavailable() {
        // Spring then throws the rollback's failure, not the first one: Hikari's closed proxy, no SQL state.
        Exception rollback = new org.springframework.orm.jpa.JpaSystemException(new org.hibernate.TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));

        assertThat(VaadinServiceSetup.messageFor(rollback)).isEqualTo(DatabaseOutage.MESSAGE);
    }

    @Test
    void any_other_failure_of_a_click_still_reads_as_something_went_wrong() {
        assertThat(VaadinServiceSetup.messageFor(new IllegalStateException("a bug of ours")))
                .isEqualTo("Something went wrong. Please try again.");
        assertThat(DatabaseOutage.isCause(new SQLException("duplicate key", "23505"))).isFalse();
    }

    @Test
    void a_page_that_cannot_be_opened_because_the_database_is_away_says_so_with_status_503() {
        ErrorViews.ServerError view = new ErrorViews.ServerError();

        int status = view.setErrorParameter(null, new ErrorParameter<>(Exception.class, poolGaveUp()));

        assertThat(status).isEqualTo(503);
        assertThat(view.getChildren().filter(H2.class::isInstance).map(c -> ((H2) c).getText()).findFirst())
                .contains("Briefly unavailable");
        assertThat(view.getChildren().filter(Paragraph.class::isInstance).map(c -> ((Paragraph) c).getText()).findFirst())
                .contains(DatabaseOutage.MESSAGE);
    }

    @Test
    void a_page_that_fails_for_another_reason_keeps_the_general_sentence_and_status_500() {
        ErrorViews.ServerError view = new ErrorViews.ServerError();

        int status = view.setErrorParameter(null, new ErrorParameter<>(Exception.class, new IllegalStateException("a bug")));

        assertThat(status).isEqualTo(500);
        assertThat(view.getChildren().filter(Paragraph.class::isInstance).map(c -> ((Paragraph) c).getText()).findFirst())
                .contains("We could not open this page. Please try again in a moment.");
    }
}
