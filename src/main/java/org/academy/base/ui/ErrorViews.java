package org.academy.base.ui;

import org.academy.base.InvalidRequestException;
import org.academy.security.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What people see when a page cannot be opened. Unknown routes, unknown ids and pages of cohorts
 * that are not yours all read the same, so nobody learns by trying whether something exists.
 * No view ever shows an exception's class or stack.
 */
final class ErrorViews {

    private ErrorViews() {
    }

    /**
     * Unknown route, and Vaadin's answer to a view the caller's role may not open (it turns access
     * denied into not found). Always the generic text: Vaadin's own messages name routes and
     * annotations. Views with a message for people throw {@link org.academy.base.NotFoundException}.
     */
    @PageTitle("Not found · Academy")
    @AnonymousAllowed
    static class RouteNotFound extends MessageErrorView<NotFoundException> {
        @Override
        String heading() {
            return "Not found";
        }

        @Override
        String message(ErrorParameter<NotFoundException> parameter) {
            return NOT_FOUND;
        }

        @Override
        int status() {
            return HttpServletResponse.SC_NOT_FOUND;
        }
    }

    /** A service said the thing is missing or not the caller's: same page as an unknown route. */
    @PageTitle("Not found · Academy")
    @AnonymousAllowed
    static class ResourceNotFound extends MessageErrorView<org.academy.base.NotFoundException> {
        @Override
        String heading() {
            return "Not found";
        }

        @Override
        String message(ErrorParameter<org.academy.base.NotFoundException> parameter) {
            return parameter.getCaughtException().getMessage();
        }

        @Override
        int status() {
            return HttpServletResponse.SC_NOT_FOUND;
        }
    }

    /** Vaadin's navigation access control refused the view: same page as an unknown route. */
    @PageTitle("Not found · Academy")
    @AnonymousAllowed
    static class NavigationDenied extends MessageErrorView<com.vaadin.flow.router.AccessDeniedException> {
        @Override
        String heading() {
            return "Not found";
        }

        @Override
        String message(ErrorParameter<com.vaadin.flow.router.AccessDeniedException> parameter) {
            return NOT_FOUND;
        }

        @Override
        int status() {
            return HttpServletResponse.SC_NOT_FOUND;
        }
    }

    /** A role check in a service failed while opening a page. */
    @PageTitle("Not found · Academy")
    @AnonymousAllowed
    static class AccessDenied extends MessageErrorView<AccessDeniedException> {
        @Override
        String heading() {
            return "Not found";
        }

        @Override
        String message(ErrorParameter<AccessDeniedException> parameter) {
            return NOT_FOUND;
        }

        @Override
        int status() {
            return HttpServletResponse.SC_NOT_FOUND;
        }
    }

    @PageTitle("Cannot open this · Academy")
    @AnonymousAllowed
    static class InvalidRequest extends MessageErrorView<InvalidRequestException> {
        @Override
        String heading() {
            return "Cannot open this";
        }

        @Override
        String message(ErrorParameter<InvalidRequestException> parameter) {
            return parameter.getCaughtException().getMessage();
        }

        @Override
        int status() {
            return HttpServletResponse.SC_BAD_REQUEST;
        }
    }

    /** Anything unexpected: logged in full, shown without details. */
    @PageTitle("Something went wrong · Academy")
    @AnonymousAllowed
    static class ServerError extends MessageErrorView<Exception> {
        private static final Logger log = LoggerFactory.getLogger(ServerError.class);

        @Override
        String heading() {
            return "Something went wrong";
        }

        @Override
        String heading(ErrorParameter<Exception> parameter) {
            return DatabaseOutage.isCause(parameter.getCaughtException()) ? DatabaseOutage.HEADING : heading();
        }

        @Override
        String message(ErrorParameter<Exception> parameter) {
            Exception e = parameter.getCaughtException();
            if (DatabaseOutage.isCause(e)) {
                log.warn("Database unreachable while opening a page: {}",
                        VaadinServiceSetup.describe(VaadinServiceSetup.deepest(e)));
                return DatabaseOutage.MESSAGE;
            }
            log.error("Failed to open a page", e);
            return "We could not open this page. Please try again in a moment.";
        }

        @Override
        int status(ErrorParameter<Exception> parameter) {
            return DatabaseOutage.isCause(parameter.getCaughtException()) ? HttpServletResponse.SC_SERVICE_UNAVAILABLE
                    : status();
        }

        @Override
        int status() {
            return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
    }
}
