package org.academy.identity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.academy.testing.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The least-privilege set-up of docs/deployment.md: migrations run with an application role
 * configured, and that role then reads and writes rows but cannot change the schema.
 */
@IntegrationTest
class DatabaseRolesTest {

    @Autowired
    Flyway flyway;
    @Autowired
    JdbcClient jdbc;
    @Value("${spring.datasource.url}")
    String url;

    final String role = "academy_app_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @AfterEach
    void dropRole() {
        jdbc.sql("drop owned by " + role).update();
        jdbc.sql("drop role " + role).update();
    }

    @Test
    void the_application_role_reads_and_writes_rows_and_cannot_change_the_schema() throws Exception {
        jdbc.sql("create role " + role + " login").update();
        // What the app does at start with academy.db.app-role set: migrate, then the grant callback.
        Flyway.configure().configuration(flyway.getConfiguration()).placeholders(Map.of("approle", role)).load().migrate();

        try (Connection app = DriverManager.getConnection(url, role, ""); Statement sql = app.createStatement()) {
            assertThat(single(sql, "select current_user")).isEqualTo(role);
            assertThat(single(sql, "select count(*) from app_user where " + AppUserRepository.BY_EMAIL.replace(":email", "'x@example.test'")))
                    .isEqualTo("0");
            String id = single(sql, "insert into organisation (name) values ('Role test " + role + "') returning id");
            assertThat(sql.executeUpdate("update organisation set active = false where id = " + id)).isEqualTo(1);
            assertThat(sql.executeUpdate("delete from organisation where id = " + id)).isEqualTo(1);

            for (String ddl : new String[]{"create table sneaky (id int)", "drop table app_user",
                    "alter table app_user add column sneaky int", "truncate invitation",
                    "select * from flyway_schema_history"}) {
                assertThatThrownBy(() -> sql.execute(ddl)).as(ddl).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
