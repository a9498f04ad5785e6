package org.academy.seats;

import org.academy.base.Paging;
import java.time.LocalDate;
import java.util.List;

import org.academy.base.NotFoundException;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class BulkAssignmentTest {

    @Autowired
    SeatService seats;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    World w;
    SeatPoolSummary pool;
    String tag;

    @BeforeEach
    void setUp() {
        w = fixtures.world(1, 1);
        pool = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), w.cohortA().id(), 3,
                LocalDate.now(), LocalDate.now().plusDays(30)));
        tag = Long.toString(System.nanoTime());
    }

    String mail(String name) {
        return name + "-" + tag + "@example.test";
    }

    BulkAssignment upload(String csv, BulkAssignment.Mode mode) {
        return as(w.orgAdminA(), () -> seats.bulkAssign(w.orgA().id(), csv, mode));
    }

    int holders() {
        return as(w.orgAdminA(), () -> seats.holders(pool.id(), "", Paging.first(100))).size();
    }

    @Test
    void a_clean_file_with_bom_crlf_quoted_commas_and_a_header_is_applied_whole() {
        String csv = "\uFEFFemail,name,pool\r\n"
                + mail("ada") + ",\"Lovelace, Ada\"," + pool.id() + "\r\n"
                + mail("alan") + ",\"Alan \"\"Bombe\"\" Turing\"," + pool.id() + "\r\n";
        BulkAssignment result = upload(csv, BulkAssignment.Mode.ALL_OR_NOTHING);

        assertThat(result.errors()).isEmpty();
        assertThat(result.applied()).isEqualTo(2);
        assertThat(as(w.orgAdminA(), () -> seats.holders(pool.id(), "", Paging.first(100)))).extracting(SeatHolder::displayName)
                .containsExactlyInAnyOrder("Lovelace, Ada", "Alan \"Bombe\" Turing");
    }

    @Test
    void every_bad_line_is_reported_with_its_number_and_all_or_nothing_applies_none() {
        String csv = String.join("\n",
                "email,name,pool",
                mail("good") + ",Good," + pool.id(),
                "not-an-email,Bad," + pool.id(),
                mail("good") + ",Again," + pool.id(),
                mail("short") + "," + pool.id(),
                mail("nopool") + ",No pool,999999",
                mail("word") + ",Word,abc",
                w.studentA().email() + ",Existing," + pool.id());
        BulkAssignment result = upload(csv, BulkAssignment.Mode.ALL_OR_NOTHING);

        assertThat(result.applied()).isZero();
        assertThat(holders()).isZero();
        assertThat(result.errors()).extracting(BulkAssignment.LineError::line).containsExactly(3, 4, 5, 6, 7);
        assertThat(result.errors().get(0).message()).contains("not a valid email");
        assertThat(result.errors().get(1).message()).contains("appears twice");
        assertThat(result.errors().get(2).message()).contains("Expected 3 columns");
        assertThat(result.errors().get(3).message()).contains("not one of your organisation's pools");
        assertThat(result.errors().get(4).message()).contains("not a pool number");
    }

    @Test
    void valid_rows_mode_applies_the_good_lines_and_reports_the_rest() {
        String csv = mail("one") + ",One," + pool.id() + "\n"
                + "broken line\n"
                + mail("two") + ",Two," + pool.id() + "\n";
        BulkAssignment result = upload(csv, BulkAssignment.Mode.VALID_ROWS);

        assertThat(result.applied()).isEqualTo(2);
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
        assertThat(holders()).isEqualTo(2);
    }

    @Test
    void more_lines_than_free_seats_names_the_lines_that_do_not_fit() {
        String csv = String.join("\r\n", List.of(
                mail("a") + ",A," + pool.id(), mail("b") + ",B," + pool.id(),
                mail("c") + ",C," + pool.id(), mail("d") + ",D," + pool.id(), mail("e") + ",E," + pool.id()));
        BulkAssignment all = upload(csv, BulkAssignment.Mode.ALL_OR_NOTHING);
        assertThat(all.applied()).isZero();
        assertThat(all.errors()).extracting(BulkAssignment.LineError::line).containsExactly(4, 5);
        assertThat(all.errors().getFirst().message()).contains("Not enough seats").contains("3 free for 5");

        BulkAssignment some = upload(csv, BulkAssignment.Mode.VALID_ROWS);
        assertThat(some.applied()).isEqualTo(3);
        assertThat(holders()).isEqualTo(3);
    }

    @Test
    void a_quoted_field_may_span_lines_and_line_numbers_stay_right() {
        String csv = mail("multi") + ",\"Two\nLines\"," + pool.id() + "\n" + "nope,x," + pool.id() + "\n";
        BulkAssignment result = upload(csv, BulkAssignment.Mode.VALID_ROWS);
        assertThat(result.applied()).isEqualTo(1);
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void another_organisations_admin_cannot_upload_into_this_organisation() {
        assertThatThrownBy(() -> as(w.orgAdminB(), () -> seats.bulkAssign(w.orgA().id(),
                mail("x") + ",X," + pool.id(), BulkAssignment.Mode.VALID_ROWS))).isInstanceOf(NotFoundException.class);
        BulkAssignment sneaky = as(w.orgAdminB(), () -> seats.bulkAssign(w.orgB().id(),
                mail("x") + ",X," + pool.id(), BulkAssignment.Mode.VALID_ROWS));
        assertThat(sneaky.applied()).isZero();
        assertThat(sneaky.errors().getFirst().message()).contains("not one of your organisation's pools");
        assertThat(holders()).isZero();
    }

    @Test
    void an_unclosed_quote_is_reported_with_its_line_and_the_lines_after_it_are_still_read() {
        String csv = mail("one") + ",One," + pool.id() + "\n"
                + mail("two") + ",\"Two, never closed," + pool.id() + "\n"
                + mail("three") + ",Three," + pool.id() + "\n";
        BulkAssignment result = upload(csv, BulkAssignment.Mode.VALID_ROWS);

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).contains("quote");
        });
        assertThat(result.applied()).isEqualTo(2);
        assertThat(as(w.orgAdminA(), () -> seats.holders(pool.id(), "", Paging.first(100)))).extracting(SeatHolder::email)
                .containsExactlyInAnyOrder(mail("one"), mail("three"));
    }

    @Test
    void an_unclosed_quote_makes_an_all_or_nothing_upload_apply_nothing() {
        String csv = mail("one") + ",One," + pool.id() + "\n" + mail("two") + ",\"Two," + pool.id() + "\n";
        BulkAssignment result = upload(csv, BulkAssignment.Mode.ALL_OR_NOTHING);
        assertThat(result.applied()).isZero();
        assertThat(result.errors()).extracting(BulkAssignment.LineError::line).containsExactly(2);
        assertThat(holders()).isZero();
    }

    @Test
    void in_good_lines_mode_another_organisations_account_is_reported_and_the_other_lines_are_applied() {
        String csv = mail("one") + ",One," + pool.id() + "\n"
                + w.studentB().email() + ",Someone else's," + pool.id() + "\n"
                + mail("three") + ",Three," + pool.id() + "\n";
        BulkAssignment result = upload(csv, BulkAssignment.Mode.VALID_ROWS);

        assertThat(result.applied()).isEqualTo(2);
        assertThat(result.errors()).extracting(BulkAssignment.LineError::line).containsExactly(2);
        assertThat(holders()).isEqualTo(2);
    }

    @Test
    void in_all_or_nothing_mode_another_organisations_account_is_reported_and_nothing_is_applied() {
        String csv = mail("one") + ",One," + pool.id() + "\n" + w.studentB().email() + ",Else," + pool.id() + "\n";
        BulkAssignment result = upload(csv, BulkAssignment.Mode.ALL_OR_NOTHING);

        assertThat(result.applied()).isZero();
        assertThat(result.errors()).extracting(BulkAssignment.LineError::line).containsExactly(2);
        assertThat(holders()).isZero();
        assertThat(jdbc.sql("select count(*) from app_user where email = ?").param(mail("one")).query(Integer.class).single())
                .as("the invited account was rolled back too").isZero();
    }

    @Test
    void progress_is_reported_after_each_batch_has_committed_never_inside_a_transaction() {
        int lines = SeatService.BATCH * 2 + 7;
        SeatPoolSummary big = as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), w.cohortA().id(),
                lines, LocalDate.now(), LocalDate.now().plusDays(30)));
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            csv.append(mail("p" + i)).append(",P ").append(i).append(',').append(big.id()).append('\n');
        }
        List<String> seen = new java.util.ArrayList<>();
        BulkAssignment result = as(w.orgAdminA(), () -> seats.bulkAssign(w.orgA().id(), csv.toString(),
                BulkAssignment.Mode.VALID_ROWS, (done, total) -> {
                    // Read on another connection: only what has committed is visible there.
                    int committed = jdbc.sql("select count(*) from seat_assignment where pool_id = ? and revoked_at is null")
                            .param(big.id()).query(Integer.class).single();
                    seen.add(done + "/" + total + " committed " + committed + " tx "
                            + TransactionSynchronizationManager.isActualTransactionActive());
                }));

        assertThat(result.applied()).isEqualTo(lines);
        int b = SeatService.BATCH;
        assertThat(seen).containsExactly(b + "/" + lines + " committed " + b + " tx false",
                2 * b + "/" + lines + " committed " + 2 * b + " tx false",
                lines + "/" + lines + " committed " + lines + " tx false");
    }

    @Test
    void a_hundred_and_twenty_thousand_bad_lines_are_checked_without_a_query_per_line() {
        int lines = 120_000;
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            csv.append(i % 2 == 0 ? "not-an-email-" + i + ",Bad," + pool.id() : mail("x" + i) + ",No pool,abc").append('\n');
        }
        long start = System.nanoTime();
        BulkAssignment result = upload(csv.toString(), BulkAssignment.Mode.VALID_ROWS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("BulkAssignmentTest: %,d bad lines checked in %,d ms%n", lines, millis);

        assertThat(result.errors()).hasSize(lines);
        assertThat(result.applied()).isZero();
        assertThat(millis).isLessThan(15_000);
    }
}
