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

    @Test
    @SuppressWarnings("unchecked")
    void an_org_admin_assigns_a_seat_from_the_grid_and_sees_it_audited() {
        World w = fixtures.world(1, 1);
        SeatPoolSummary pool = Actors.as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(),
                w.cohortA().id(), 2, LocalDate.now(), LocalDate.now().plusDays(30)));
        open(w.orgAdminA(), "seats");

        Grid<SeatPoolSummary> pools = find(Grid.class).withId("seat-pools").single();
        test(pools).select(0);
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
}
