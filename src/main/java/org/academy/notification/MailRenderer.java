package org.academy.notification;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Plain text and HTML of a mail from a notice's paragraphs. Every piece of text is escaped for the
 * HTML part; there is no template language, so nothing a person typed can become markup.
 */
@Component
class MailRenderer {

    record Mail(String subject, String text, String html) {
    }

    private final MailSettings settings;
    private final UnsubscribeTokens unsubscribe;

    MailRenderer(MailSettings settings, UnsubscribeTokens unsubscribe) {
        this.settings = settings;
        this.unsubscribe = unsubscribe;
    }

    Mail render(long recipientId, Notice notice) {
        String link = notice.link() == null ? null : settings.absolute(notice.link());
        String unsubscribeLink = unsubscribeLink(recipientId, notice.type());
        return compose(notice.text(), notice.paragraphs(), link, unsubscribeLink,
                notice.type().label());
    }

    /** A digest: one line per notification with its link. */
    Mail digest(long recipientId, List<String[]> subjectsAndLinks) {
        StringBuilder text = new StringBuilder("Your notifications since the last digest:\n\n");
        StringBuilder html = new StringBuilder("<p>Your notifications since the last digest:</p><ul>");
        for (String[] item : subjectsAndLinks) {
            text.append("- ").append(item[0]).append(item[1] == null ? "" : "\n  " + item[1]).append('\n');
            html.append("<li>").append(item[1] == null ? esc(item[0])
                    : "<a href=\"" + esc(item[1]) + "\">" + esc(item[0]) + "</a>").append("</li>");
        }
        html.append("</ul>");
        text.append("\nChoose what reaches you and when: ").append(settings.absolute("notifications/preferences")).append('\n');
        html.append("<p style=\"color:#666\"><a href=\"").append(esc(settings.absolute("notifications/preferences")))
                .append("\">Choose what reaches you and when</a></p>");
        String subject = "Academy digest: " + subjectsAndLinks.size() + " notification" + (subjectsAndLinks.size() == 1 ? "" : "s");
        return new Mail(subject, text.toString(), wrap(html.toString()));
    }

    String unsubscribeLink(long recipientId, NotificationType type) {
        return type.configurable() ? settings.absolute("unsubscribe/" + unsubscribe.token(recipientId, type)) : null;
    }

    private Mail compose(String subject, List<String> paragraphs, String link, String unsubscribeLink, String typeLabel) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (String p : paragraphs) {
            text.append(p).append("\n\n");
            html.append(p.startsWith("http://") || p.startsWith("https://")
                    ? "<p><a href=\"" + esc(p) + "\">" + esc(p) + "</a></p>" : "<p>" + esc(p) + "</p>");
        }
        if (link != null) {
            text.append("Open: ").append(link).append("\n\n");
            html.append("<p><a href=\"").append(esc(link)).append("\">Open in the Academy</a></p>");
        }
        if (unsubscribeLink != null) {
            text.append("-- \nNo more mails about \"").append(typeLabel).append("\": ").append(unsubscribeLink).append('\n');
            html.append("<p style=\"color:#666;font-size:small\"><a href=\"").append(esc(unsubscribeLink))
                    .append("\">No more mails about “").append(esc(typeLabel)).append("”</a></p>");
        }
        return new Mail(org.academy.base.TextInput.truncate(subject, 300), text.toString(), wrap(html.toString()));
    }

    private static String wrap(String body) {
        return "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">" + body + "</body></html>";
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
