package org.academy.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.academy.apitoken.ApiErrors;
import org.academy.apitoken.ApiTokenAuthentication;
import org.academy.base.NotFoundException;
import org.academy.base.push.Subscription;
import org.academy.base.push.TopicHub;
import org.academy.cohort.CohortService;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionContext;
import org.academy.notification.NotificationTopics;
import org.academy.poll.PollTopics;
import org.academy.progress.LessonCompleted;
import org.academy.progress.ProgressTopics;
import org.academy.qa.QaTopics;
import org.academy.quiz.QuizTopics;
import org.academy.security.AcademyUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Server-sent event streams ({@code text/event-stream}) under {@code /api/streams}: a plain async
 * servlet with non-blocking output (see {@link StreamConnection}), behind the API's token chain.
 * <ul>
 *   <li>{@code /cohorts/{id}/progress}: completions and quiz scores; the cohort's instructors and administrators;</li>
 *   <li>{@code /me/notifications}: the token owner's notifications;</li>
 *   <li>{@code /sessions/{id}}: a live session's poll results and Q&amp;A; its members, each as the screens show them.</li>
 * </ul>
 * Every event's id is its number in the stream's journal. A client that reconnects with
 * {@code Last-Event-ID} gets exactly the events after it, or, when they are no longer kept, one
 * {@code reset} event telling it to reload the read model (its id is where the stream resumes).
 */
final class StreamServlet extends HttpServlet {

    private static final Pattern PROGRESS = Pattern.compile("/cohorts/(\\d{1,18})/progress");
    private static final Pattern SESSION = Pattern.compile("/sessions/(\\d{1,18})");
    private static final String NOTIFICATIONS = "/me/notifications";

    private final transient StreamJournal journal;
    private final transient StreamViews views;
    private final transient StreamRegistry registry;
    private final transient TopicHub hub;
    private final transient CohortService cohorts;
    private final transient LiveSessionService sessions;
    private final int maxBuffered;

    StreamServlet(StreamJournal journal, StreamViews views, StreamRegistry registry, TopicHub hub,
                  CohortService cohorts, LiveSessionService sessions, int maxBuffered) {
        this.journal = journal;
        this.views = views;
        this.registry = registry;
        this.hub = hub;
        this.cohorts = cohorts;
        this.sessions = sessions;
        this.maxBuffered = maxBuffered;
    }

    /** What a path opens: its journal stream, the viewer, the check that allows it, and the hub topics that wake it. */
    private record Target(String stream, StreamViews.Viewer viewer, Runnable access,
                          java.util.function.Function<StreamConnection, List<Subscription>> subscribe) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenAuthentication token)) {
            ApiErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "A valid token is needed.");
            return;
        }
        AcademyUser user = token.getPrincipal();
        Target target;
        try {
            target = target(request.getPathInfo() == null ? "" : request.getPathInfo(), user);
        } catch (NotFoundException | AccessDeniedException e) {
            ApiErrors.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", ApiExceptionHandler.FORBIDDEN);
            return;
        }
        if (target == null) {
            ApiErrors.write(response, HttpServletResponse.SC_NOT_FOUND, "not_found", "No such stream.");
            return;
        }
        if (!registry.acquire(token.tokenId())) {
            ApiErrors.write(response, 429, "too_many_streams", "This token has the most streams open that it may.");
            return;
        }
        boolean started = false;
        try {
            open(request, response, token, target);
            started = true;
        } finally {
            if (!started) {
                registry.release(token.tokenId());
            }
        }
    }

    private Target target(String path, AcademyUser user) {
        Matcher m;
        if ((m = PROGRESS.matcher(path)).matches()) {
            long cohortId = Long.parseLong(m.group(1));
            Runnable access = () -> cohorts.requireStaff(cohortId);
            access.run();
            return new Target(StreamKeys.cohortProgress(cohortId), new StreamViews.Viewer(user.id(), true), access,
                    c -> List.of(
                            hub.subscribe(ProgressTopics.cohort(cohortId), events -> {
                                // Activity is not journalled: only completions wake the stream.
                                if (events.stream().anyMatch(LessonCompleted.class::isInstance)) {
                                    c.pull();
                                }
                            }),
                            hub.subscribe(QuizTopics.cohort(cohortId), events -> c.pull())));
        }
        if ((m = SESSION.matcher(path)).matches()) {
            long sessionId = Long.parseLong(m.group(1));
            Runnable access = () -> sessions.context(sessionId);
            SessionContext context = sessions.context(sessionId);
            return new Target(StreamKeys.session(sessionId), new StreamViews.Viewer(user.id(), context.isStaff()), access,
                    c -> List.of(hub.subscribe(PollTopics.session(sessionId), events -> c.pull()),
                            hub.subscribe(QaTopics.session(sessionId), events -> c.pull())));
        }
        if (path.equals(NOTIFICATIONS)) {
            return new Target(StreamKeys.notifications(user.id()), new StreamViews.Viewer(user.id(), true), () -> { },
                    c -> List.of(hub.subscribe(NotificationTopics.user(user.id()), events -> c.pull())));
        }
        return null;
    }

    private void open(HttpServletRequest request, HttpServletResponse response, ApiTokenAuthentication token,
                      Target target) throws IOException {
        String lastEventId = request.getHeader("Last-Event-ID");
        long head = journal.head(target.stream());
        long from = head;
        boolean reset = false;
        if (lastEventId != null) {
            Long seen = parse(lastEventId);
            if (seen != null && journal.canResume(target.stream(), seen)) {
                from = seen;
            } else {
                reset = true;
            }
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache, no-store");
        // Proxies (nginx) must pass events on at once, not buffer them.
        response.setHeader("X-Accel-Buffering", "no");
        // A stream ends only when one side gives up; the connection is not reused after it (a cut-off
        // client must see the connection close, not a finished response on a kept-alive socket).
        response.setHeader("Connection", "close");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        StreamConnection[] holder = new StreamConnection[1];
        StreamConnection connection = new StreamConnection(target.stream(), target.viewer(), token.getPrincipal(),
                token.tokenId(), target.access(), async, journal, views, maxBuffered, from,
                () -> registry.closed(holder[0]));
        holder[0] = connection;
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                connection.close();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                connection.close();
            }

            @Override
            public void onError(AsyncEvent event) {
                connection.close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        registry.opened(connection);
        // The stream's position first, silently (an id without data is not an event); a reset tells the client to reload.
        connection.send(reset
                ? "retry: 2000\nid: " + head + "\nevent: reset\ndata: {\"reason\":\"Events after your last id are no longer kept; reload the read model.\"}\n\n"
                : "retry: 2000\nid: " + from + "\n\n");
        response.getOutputStream().setWriteListener(connection);
        // Subscribe before reading the journal: whatever commits from now on wakes the stream, and the
        // journal read below covers everything before, so nothing falls in between.
        connection.subscriptions(new ArrayList<>(target.subscribe().apply(connection)));
        Thread.ofVirtual().start(connection::pull);
    }

    private static Long parse(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
