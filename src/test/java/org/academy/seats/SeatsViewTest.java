package org.academy.seats;

import org.academy.base.Paging;
import java.time.LocalDate;

import org.academy.testing.Actors;
import org.academy.testing.BrowserlessUiTest;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.EmailField;

import static org.assertj.core.api.Assertions.assertThat;

class SeatsViewTest extends BrowserlessUiTest {

    @Autowired
    SeatService seats;

    /** A pool of organisation A for cohort A, valid from today for 30 days. */
    private SeatPoolSummary cohortPool(World w, int size) {
        return Actors.as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(), w.cohortA().id(), size,
                LocalDate.now(), LocalDate.now().plusDays(30)));
    }

    /** Opens the Seats screen as the person and selects the first pool; returns the pools grid. */
    @SuppressWarnings("unchecked")
    private Grid<SeatPoolSummary> openFirstPool(org.academy.identity.PersonSummary person) {
        open(person, "seats");
        Grid<SeatPoolSummary> pools = find(Grid.class).withId("seat-pools").single();
        test(pools).select(0);
        return pools;
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_org_admin_assigns_a_seat_from_the_grid_and_sees_it_audited() {
        World w = fixtures.world(1, 1);
        SeatPoolSummary pool = cohortPool(w, 2);
        openFirstPool(w.orgAdminA());
        test(find(EmailField.class).withId("seat-email").single()).setValue("fresh-" + System.nanoTime() + "@example.test");
        test(find(Button.class).withId("seat-assign").single()).click();

        assertThat(Actors.as(w.orgAdminA(), () -> seats.holders(pool.id(), "", Paging.first(100)))).hasSize(1);
        Grid<SeatAuditEntry> audit = find(Grid.class).withId("seat-audit").single();
        assertThat(test(audit).size()).isEqualTo(2);
        Grid<SeatHolder> holders = find(Grid.class).withId("seat-holders").single();
        assertThat(test(holders).size()).isEqualTo(1);
    }

    @Test
    void other_roles_cannot_open_the_seats_screen() {
        World w = fixtures.world(1, 1);
        open(w.studentA(), "seats");
        assertThat(getCurrentView().getClass().getSimpleName()).isNotEqualTo("SeatsView");
        open(w.instructorA(), "seats");
        assertThat(getCurrentView().getClass().getSimpleName()).isNotEqualTo("SeatsView");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reclaiming_waits_for_the_cohorts_start_and_a_new_email_gets_an_invitation_link() {
        World w = fixtures.world(1, 1);
        cohortPool(w, 3);
        openFirstPool(w.orgAdminA());
        test(find(EmailField.class).withId("seat-email").single()).setValue("ghost-" + System.nanoTime() + "@example.test");
        test(find(Button.class).withId("seat-assign").single()).click();

        assertThat(find(com.vaadin.flow.component.textfield.TextField.class).withId("one-time-link-url").single().getValue())
                .contains("/invitation/");
        Button reclaim = find(Button.class).withId("seat-reclaim").single();
        assertThat(reclaim.isEnabled()).isFalse();
        assertThat(reclaim.getText()).isEqualTo("Reclaim 1 no-show (from "
                + org.academy.base.ui.Formats.date(w.cohortA().startsOn()) + ")");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_administrator_opens_any_organisations_seats_and_an_org_admin_only_their_own() {
        World w = fixtures.world(1, 1);
        Actors.as(w.admin(), () -> seats.createPool(w.orgB().id(), w.courseB().id(), null, 4, LocalDate.now(),
                LocalDate.now().plusDays(30)));

        open(w.admin(), "seats", java.util.Map.of("organisation", Long.toString(w.orgB().id())));
        assertThat(test((Grid<SeatPoolSummary>) find(Grid.class).withId("seat-pools").single()).size()).isEqualTo(1);

        // The parameter means nothing to an org admin: they get their own organisation, which has no pools.
        open(w.orgAdminA(), "seats", java.util.Map.of("organisation", Long.toString(w.orgB().id())));
        assertThat(test((Grid<SeatPoolSummary>) find(Grid.class).withId("seat-pools").single()).size()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_seat_another_admin_assigns_appears_without_a_reload() {
        World w = fixtures.world(1, 1);
        SeatPoolSummary pool = cohortPool(w, 2);
        Grid<SeatPoolSummary> pools = openFirstPool(w.orgAdminA());
        Grid<SeatHolder> holders = find(Grid.class).withId("seat-holders").single();
        assertThat(test(holders).size()).isZero();

        // The platform admin, elsewhere, gives a seat away.
        Actors.as(w.admin(), () -> seats.assign(pool.id(), "elsewhere-" + System.nanoTime() + "@example.test", "Else"));

        // The pools grid holds a list, so only a pushed refresh changes its figures.
        awaitPush("the pool's free seats", () -> test(pools).getRow(0).free() == 1);
        assertThat(test(holders).size()).isEqualTo(1);
        assertThat(find(com.vaadin.flow.component.html.Span.class).all()).anySatisfy(
                span -> assertThat(span.getText()).isEqualTo("Pool " + pool.id() + ": 1 of 2 free"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void people_invited_by_csv_get_links_from_the_holders_grid_and_a_csv_for_a_mail_merge() throws Exception {
        World w = fixtures.world(1, 1);
        SeatPoolSummary pool = cohortPool(w, 3);
        String tag = Long.toString(System.nanoTime());
        Actors.as(w.orgAdminA(), () -> seats.bulkAssign(w.orgA().id(), "a-" + tag + "@example.test,A," + pool.id() + "\n"
                + "b-" + tag + "@example.test,B," + pool.id() + "\n", BulkAssignment.Mode.ALL_OR_NOTHING));
        openFirstPool(w.orgAdminA());

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        test(find(com.vaadin.flow.component.html.Anchor.class).withId("seat-invitation-links").single()).download(out);
        java.util.List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("a-" + tag + "@example.test,A,").contains("/invitation/");
        Grid<SeatHolder> holders = find(Grid.class).withId("seat-holders").single();
        assertThat(test(holders).getCellText(0, 2)).isEqualTo("invited, no password yet");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thousands_of_problem_lines_show_the_first_thousand_lazily_with_the_count_and_a_full_download() throws Exception {
        World w = fixtures.world(1, 1);
        cohortPool(w, 3);
        openFirstPool(w.orgAdminA());
        StringBuilder csv = new StringBuilder("email,name,pool\n");
        for (int i = 0; i < 1_500; i++) {
            csv.append("not-an-email-").append(i).append(",Bad,1\n");
        }
        test(find(com.vaadin.flow.component.upload.Upload.class).withId("bulk-upload").single())
                .upload("bad.csv", "text/csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        test(find(com.vaadin.flow.component.radiobutton.RadioButtonGroup.class).withId("bulk-mode").single())
                .selectItem("Apply the good lines, report the rest");
        test(find(Button.class).withId("bulk-apply").single()).click();

        com.vaadin.flow.component.html.Span outcome = find(com.vaadin.flow.component.html.Span.class).withId("bulk-outcome").single();
        awaitPush("the upload's outcome", () -> !outcome.getText().isEmpty());
        assertThat(outcome.getText()).isEqualTo("0 of 1500 lines applied; 1500 with problems.");
        Grid<BulkAssignment.LineError> problems = find(Grid.class).withId("bulk-errors").single();
        assertThat(problems.isAllRowsVisible()).isFalse();
        assertThat(test(problems).size()).isEqualTo(1_000);
        assertThat(find(com.vaadin.flow.component.html.Span.class).withId("bulk-problems-shown").single().getText())
                .isEqualTo("Showing the first 1000 of 1500 problems; download them all below.");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        test(find(com.vaadin.flow.component.html.Anchor.class).withId("bulk-problems-download").single()).download(out);
        java.util.List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1_501);
        assertThat(lines.get(1_500)).startsWith("1501,");
    }

    @Test
    void a_file_over_the_limit_is_refused_on_the_server_and_cannot_be_applied() {
        World w = fixtures.world(1, 1);
        cohortPool(w, 3);
        openFirstPool(w.orgAdminA());
        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        test(find(com.vaadin.flow.component.upload.Upload.class).withId("bulk-upload").single())
                .upload("big.csv", "text/csv", big);

        assertThat(find(Button.class).withId("bulk-apply").single().isEnabled()).isFalse();
        assertThat(find(com.vaadin.flow.component.html.Span.class).all())
                .anySatisfy(span -> assertThat(span.getText()).contains("larger than 2 MB"));
    }
}
