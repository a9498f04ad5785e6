package org.academy.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.academy.notification.MailOutbox.Claimed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Hands due mail to the SMTP server: claims a batch, sends each over one connection, and marks each
 * sent in its own statement right after the server accepted it. At-least-once: a node that dies
 * between the server's "250 OK" and that statement leaves the row to be sent again when its lease
 * runs out; the Message-ID, derived from the delivery key, is the same both times (decision 0010).
 * Without an SMTP server (spring.mail.host empty) nothing is claimed and mail stays queued.
 */
@Component
class MailWorker {

    private static final Logger log = LoggerFactory.getLogger(MailWorker.class);
    private static final int ROUNDS_PER_TICK = 20;

    private final ObjectProvider<JavaMailSender> senders;
    private final MailOutbox outbox;
    private final MailSettings settings;
    private final Clock clock;
    private volatile Instant lastSent;
    private volatile String lastError;

    MailWorker(ObjectProvider<JavaMailSender> senders, MailOutbox outbox, MailSettings settings, Clock clock) {
        this.senders = senders;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    boolean configured() {
        return sender() != null;
    }

    /** Null when no SMTP server is configured (an empty spring.mail.host counts as none). */
    private JavaMailSender sender() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender instanceof JavaMailSenderImpl impl && (impl.getHost() == null || impl.getHost().isBlank())) {
            return null;
        }
        return sender;
    }

    Instant lastSent() {
        return lastSent;
    }

    String lastError() {
        return lastError;
    }

    @Scheduled(fixedDelayString = "${academy.mail.poll-interval:1s}", initialDelayString = "${academy.mail.poll-interval:1s}")
    void tick() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // The database was away, for instance: the next tick tries again; nothing was lost.
            log.warn("Mail delivery round failed: {}", e.toString());
        }
    }

    /** Sends what is due now; returns how many the server accepted. */
    int deliverDue() {
        JavaMailSender sender = sender();
        if (sender == null) {
            return 0;
        }
        int accepted = 0;
        for (int round = 0; round < ROUNDS_PER_TICK; round++) {
            List<Claimed> batch = outbox.claim(clock.instant());
            if (batch.isEmpty()) {
                break;
            }
            accepted += send(sender, batch);
        }
        return accepted;
    }

    private int send(JavaMailSender sender, List<Claimed> batch) {
        if (!(sender instanceof JavaMailSenderImpl impl)) {
            int accepted = 0;
            for (Claimed c : batch) {
                try {
                    sender.send(message(sender.createMimeMessage(), c));
                    outbox.sent(c, clock.instant());
                    accepted++;
                } catch (MessagingException | RuntimeException e) {
                    fail(c, e);
                }
            }
            return accepted;
        }
        int accepted = 0;
        Transport transport = null;
        try {
            for (int i = 0; i < batch.size(); i++) {
                Claimed c = batch.get(i);
                if (transport == null) {
                    try {
                        transport = connect(impl);
                    } catch (MessagingException e) {
                        // The server is not answering: every row of the batch waits for its back-off.
                        for (Claimed rest : batch.subList(i, batch.size())) {
                            fail(rest, e);
                        }
                        return accepted;
                    }
                }
                try {
                    MimeMessage m = message(new MimeMessage(impl.getSession()), c);
                    transport.sendMessage(m, m.getAllRecipients());
                } catch (MessagingException | RuntimeException e) {
                    fail(c, e);
                    close(transport);
                    transport = null;
                    continue;
                }
                outbox.sent(c, clock.instant());
                lastSent = clock.instant();
                lastError = null;
                accepted++;
            }
        } finally {
            close(transport);
        }
        return accepted;
    }

    private static Transport connect(JavaMailSenderImpl impl) throws MessagingException {
        Session session = impl.getSession();
        Transport t = session.getTransport(impl.getProtocol() == null ? "smtp" : impl.getProtocol());
        t.connect(impl.getHost(), impl.getPort(), impl.getUsername(), impl.getPassword());
        return t;
    }

    private MimeMessage message(MimeMessage blank, Claimed c) throws MessagingException {
        KeyedMimeMessage m = new KeyedMimeMessage(blank.getSession(), messageId(c));
        MimeMessageHelper helper = new MimeMessageHelper(m, true, "UTF-8");
        helper.setFrom(settings.from);
        helper.setTo(c.toAddress());
        helper.setSubject(c.subject());
        helper.setText(c.bodyText(), c.bodyHtml());
        m.setSentDate(java.util.Date.from(clock.instant()));
        m.saveChanges();
        return m;
    }

    /** The same delivery always carries the same Message-ID, so a resend after a crash is recognisable. */
    static String messageId(Claimed c) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (c.eventKey() + "|" + c.recipientId() + "|" + c.channel()).getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 16) + ".d" + c.id() + "@academy.mail>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fail(Claimed c, Exception e) {
        String error = describe(e);
        lastError = error;
        try {
            outbox.failed(c, error, clock.instant());
        } catch (RuntimeException db) {
            log.warn("Could not record a failed mail (it will be retried when its lease ends): {}", db.toString());
        }
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            s.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return s.toString();
    }

    private static void close(Transport t) {
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException ignored) {
                // Closing a broken connection: nothing more to do.
            }
        }
    }

    /** JavaMail replaces the Message-ID on saveChanges(); this keeps ours. */
    private static final class KeyedMimeMessage extends MimeMessage {
        private final String id;

        KeyedMimeMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
