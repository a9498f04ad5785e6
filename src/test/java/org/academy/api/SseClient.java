package org.academy.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server-sent events client over java.net.http, parsing the stream as a browser's
 * EventSource does: {@code id} sets the last event id even on a block without data (which is not
 * dispatched), comments are counted as heartbeats.
 */
final class SseClient implements AutoCloseable {

    record Event(String id, String type, String data, long receivedNanos) {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final AtomicInteger comments = new AtomicInteger();
    final int status;
    volatile String lastEventId;
    volatile boolean ended;
    private final InputStream body;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = Thread.ofVirtual().start(this::read);
    }

    static SseClient open(HttpClient client, int port, String path, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null) {
                        lastEventId = id;
                    }
                    if (data != null) {
                        events.add(new Event(lastEventId, type == null ? "message" : type, data.toString(), System.nanoTime()));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                }
            }
        } catch (IOException closed) {
            // Closed by us or by the server.
        } finally {
            ended = true;
        }
    }

    Event next(Duration timeout) {
        try {
            Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("No event within " + timeout);
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<Event> take(int count, Duration timeout) {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (taken.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Only " + taken.size() + " of " + count + " events within " + timeout + ": " + taken);
            }
            try {
                Event e = events.poll(left, TimeUnit.NANOSECONDS);
                if (e != null) {
                    taken.add(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return taken;
    }

    /** Nothing more arrives within the time (used after the expected events, to prove no duplicates). */
    List<Event> drain(Duration quiet) {
        List<Event> more = new ArrayList<>();
        try {
            Event e;
            while ((e = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                more.add(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return more;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // Gone already.
        }
        reader.interrupt();
    }
}
