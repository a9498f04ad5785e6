package org.academy.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server inside the test (GreenMail) on a free port, which a test may stop ("SMTP is
 * down") and start again on the same port, with fast retries for the app under test.
 */
final class MailServer {

    private final int port;
    private GreenMail server;

    MailServer() {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        start();
    }

    int port() {
        return port;
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("academy.scheduling.enabled", () -> "true");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
        registry.add("academy.mail.poll-interval", () -> "100ms");
        registry.add("academy.mail.first-retry", () -> "200ms");
        registry.add("academy.mail.max-retry", () -> "1s");
        registry.add("academy.mail.max-attempts", () -> "4");
        registry.add("academy.mail.lease", () -> "5s");
    }

    synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** A stopped server refuses connections, as a mail server that is down. Its mail is gone with it. */
    synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    synchronized List<MimeMessage> received() {
        return server == null ? List.of() : Arrays.asList(server.getReceivedMessages());
    }

    synchronized List<MimeMessage> receivedBy(String address) {
        return received().stream().filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The decoded text of each part by its type ("text/plain", "text/html"). */
    static java.util.Map<String, String> parts(jakarta.mail.Part part) {
        java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
        try {
            if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
                found.put(part.isMimeType("text/plain") ? "text/plain" : "text/html", (String) part.getContent());
            } else if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    found.putAll(parts(multipart.getBodyPart(i)));
                }
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
