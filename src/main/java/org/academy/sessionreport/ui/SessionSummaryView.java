package org.academy.sessionreport.ui;

import java.util.OptionalLong;

import org.academy.base.NotFoundException;
import org.academy.base.ui.Formats;
import org.academy.base.ui.RouteIds;
import org.academy.livesession.Attendee;
import org.academy.poll.PollOptionResult;
import org.academy.qa.QuestionView;
import org.academy.security.Role;
import org.academy.sessionreport.SessionReport;
import org.academy.sessionreport.SessionReportService;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import org.academy.base.ui.CsvDownload;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** After (or during) a session: polls with results, Q&A with answers, attendance, and a CSV of it all. */
@Route("sessions/:sessionId/summary")
@RolesAllowed({Role.Names.INSTRUCTOR, Role.Names.ADMIN})
class SessionSummaryView extends VerticalLayout implements BeforeEnterObserver, com.vaadin.flow.router.HasDynamicTitle {

    private String title = "Session summary · Academy";

    @Override
    public String getPageTitle() {
        return title;
    }


    private final SessionReportService reports;

    SessionSummaryView(SessionReportService reports) {
        this.reports = reports;
        addClassName("page");
        setWidthFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        OptionalLong id = RouteIds.get(event, "sessionId");
        if (id.isEmpty()) {
            throw new NotFoundException("This session does not exist.");
        }
        show(reports.report(id.getAsLong()));
    }

    private void show(SessionReport r) {
        removeAll();
        long sessionId = r.session().id();
        Anchor csv = CsvDownload.anchor("Download CSV", "session-" + sessionId + "-summary.csv",
                () -> reports.csv(sessionId));
        csv.setId("summary-csv");
        add(new H2("Summary · " + r.session().title()), csv);
        title = "Summary · " + r.session().title() + " · Academy";

        add(new H3("Polls"));
        if (r.polls().isEmpty()) {
            add(new Span("No polls."));
        }
        for (SessionReport.PollRuns runs : r.polls()) {
            Div poll = new Div();
            poll.add(new Span(runs.poll().question() + " (" + runs.poll().voters() + " voters)"));
            for (PollOptionResult o : runs.poll().options()) {
                Div line = new Div();
                line.setText("• " + o.label() + ": " + o.votes() + " (" + o.percent() + " %)"
                        + (Boolean.TRUE.equals(o.correct()) ? " ✓ correct" : ""));
                poll.add(line);
            }
            runs.earlierRuns().forEach((run, tally) -> {
                Div line = new Div();
                line.setText("Run " + run + " (" + runs.earlierVoters().getOrDefault(run, 0) + " voters): "
                        + String.join(", ", runs.poll().options().stream()
                        .map(o -> o.label() + " " + tally.getOrDefault(o.id(), 0)).toList()));
                line.addClassName("live-status");
                poll.add(line);
            });
            add(poll);
        }

        add(new H3("Questions"));
        Grid<QuestionView> questions = new Grid<>();
        questions.addColumn(QuestionView::text).setHeader("Question").setFlexGrow(3);
        questions.addColumn(q -> q.authorName() + (q.anonymous() ? " (anonymous)" : "")).setHeader("Asked by");
        questions.addColumn(QuestionView::upvotes).setHeader("Upvotes");
        questions.addColumn(q -> q.answer() != null ? q.answer() : q.answered() ? "answered" : "").setHeader("Answer").setFlexGrow(2);
        questions.setItems(r.questions());
        questions.setAllRowsVisible(true);
        add(questions);

        add(new H3("Attendance (" + r.attendance().size() + ")"));
        Grid<Attendee> attendance = new Grid<>();
        attendance.setId("attendance");
        attendance.addColumn(Attendee::displayName).setHeader("Name");
        attendance.addColumn(a -> Formats.clock(a.firstJoinedAt())).setHeader("Joined");
        attendance.addColumn(a -> a.present() ? "still here" : Formats.clock(a.lastSeenAt())).setHeader("Left");
        attendance.addColumn(a -> a.minutesPresent() + " min").setHeader("Minutes present").setKey("minutes");
        attendance.setItems(r.attendance());
        attendance.setAllRowsVisible(true);
        add(attendance);
    }
}
