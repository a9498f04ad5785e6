package org.academy.notification;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The unsubscribe link of a mail: public (the signed token is the credential). GET only asks (mail
 * scanners open links), the button POSTs and stops that one type's mail; in-app stays. A token
 * that does not verify reads as not found.
 */
@org.springframework.stereotype.Controller
class UnsubscribeController {

    static final String PATH = "/unsubscribe/";

    private final UnsubscribeTokens tokens;
    private final NotificationPreferenceService preferences;

    UnsubscribeController(UnsubscribeTokens tokens, NotificationPreferenceService preferences) {
        this.tokens = tokens;
        this.preferences = preferences;
    }

    @GetMapping(PATH + "{token}")
    ResponseEntity<String> ask(@PathVariable String token, CsrfToken csrf) {
        return tokens.verify(token).map(t -> page("Stop mails about “" + t.type().label() + "”?",
                        "<form method=\"post\"><input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
                                + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">"
                                + "<button type=\"submit\">Stop these mails</button></form>"
                                + "<p>You keep seeing them in the app. You can change this any time under Notifications → Preferences.</p>"))
                .orElseGet(UnsubscribeController::notFound);
    }

    @PostMapping(PATH + "{token}")
    @Transactional
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        return tokens.verify(token).map(t -> {
            preferences.stopMail(t.userId(), t.type());
            return page("Done", "<p>You will get no more mails about “" + HtmlUtils.htmlEscape(t.type().label()) + "”.</p>");
        }).orElseGet(UnsubscribeController::notFound);
    }

    private static ResponseEntity<String> notFound() {
        return ResponseEntity.status(404).contentType(MediaType.TEXT_HTML)
                .body(html("Not found", "<p>This link is not valid.</p>"));
    }

    private static ResponseEntity<String> page(String title, String body) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html(title, body));
    }

    private static String html(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + " · Academy</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>"
                + HtmlUtils.htmlEscape(title) + "</h1>" + body + "</body></html>";
    }
}
