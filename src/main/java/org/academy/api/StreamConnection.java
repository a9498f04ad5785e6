package org.academy.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.academy.base.push.Subscription;
import org.academy.security.AcademyUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * One open event stream. Sends never block: the servlet's non-blocking output takes what the
 * socket accepts and the rest waits in a bounded queue; a client that falls {@code maxBuffered}
 * messages behind is cut off (it reconnects with Last-Event-ID and gets what it missed from the
 * journal), so a reader that stopped reading costs at most that queue, never unbounded memory or a
 * thread.
 *
 * <p>What to send is decided by the journal, not by the hub: a hub event only wakes the stream,
 * which reads the journal after the last number it sent. Live sending and replay are one path, so
 * there is no gap and no duplicate between them, and a wake-up from another node works the same.
 */
final class StreamConnection implements WriteListener {

    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    private static final int PAGE = 200;
    static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.UTF_8);

    final String stream;
    final StreamViews.Viewer viewer;
    final AcademyUser user;
    final long tokenId;
    /** The membership check that opened the stream, repeated now and then; throws when it no longer holds. */
    final Runnable access;

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final StreamJournal journal;
    private final StreamViews views;
    private final int maxBuffered;
    private final Runnable onClose;

    private final Object writeLock = new Object();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private boolean dirty;
    /** Non-blocking output may be asked for readiness only once the container has taken the listener. */
    private volatile boolean started;
    private final Object pullLock = new Object();
    private long lastSeq;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile List<Subscription> subscriptions = List.of();
    private volatile String closeReason;

    StreamConnection(String stream, StreamViews.Viewer viewer, AcademyUser user, long tokenId, Runnable access,
                     AsyncContext async, StreamJournal journal, StreamViews views, int maxBuffered, long lastSeq,
                     Runnable onClose) throws IOException {
        this.stream = stream;
        this.viewer = viewer;
        this.user = user;
        this.tokenId = tokenId;
        this.access = access;
        this.async = async;
        this.out = async.getResponse().getOutputStream();
        this.journal = journal;
        this.views = views;
        this.maxBuffered = maxBuffered;
        this.lastSeq = lastSeq;
        this.onClose = onClose;
    }

    void subscriptions(List<Subscription> subscriptions) {
        this.subscriptions = subscriptions;
        if (closed.get()) {
            subscriptions.forEach(Subscription::close);
        }
    }

    /** Sends every journalled event after the last one sent, in order, as this viewer may see it. */
    void pull() {
        synchronized (pullLock) {
            while (!closed.get()) {
                List<JournalEntry> entries = journal.after(stream, lastSeq, PAGE);
                for (JournalEntry entry : entries) {
                    if (closed.get()) {
                        return;
                    }
                    StringBuilder text = new StringBuilder().append("id: ").append(entry.seq()).append('\n');
                    views.render(entry, viewer).ifPresent(r -> text.append("event: ").append(r.type()).append('\n')
                            .append("data: ").append(r.data()).append('\n'));
                    // An event this viewer may not see still moves their position (an id-only block is not dispatched).
                    send(text.append('\n').toString());
                    lastSeq = entry.seq();
                }
                if (entries.size() < PAGE) {
                    return;
                }
            }
        }
    }

    void send(String text) {
        enqueue(text.getBytes(StandardCharsets.UTF_8));
    }

    void heartbeat() {
        enqueue(HEARTBEAT);
    }

    private void enqueue(byte[] bytes) {
        synchronized (writeLock) {
            if (closed.get()) {
                return;
            }
            if (queue.size() >= maxBuffered) {
                closeReason = "slow consumer";
            } else {
                queue.add(bytes);
            }
        }
        if (closeReason != null) {
            log.info("Closing the stream {} of token {}: {} messages unsent", stream, tokenId, maxBuffered);
            close();
            return;
        }
        pump();
    }

    /** Called by the container once output may be written (first after {@code setWriteListener}), and again whenever the socket drains. */
    @Override
    public void onWritePossible() {
        started = true;
        pump();
    }

    private void pump() {
        if (!started) {
            return;
        }
        synchronized (writeLock) {
            try {
                while (!closed.get() && out.isReady()) {
                    byte[] next = queue.poll();
                    if (next == null) {
                        if (!dirty) {
                            return;
                        }
                        dirty = false;
                        out.flush();
                        continue;
                    }
                    out.write(next);
                    dirty = true;
                }
            } catch (IOException | IllegalStateException gone) {
                closeReason = "client gone";
            }
        }
        if (closeReason != null) {
            close();
        }
    }

    @Override
    public void onError(Throwable t) {
        closeReason = "client gone";
        close();
    }

    int buffered() {
        synchronized (writeLock) {
            return queue.size();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    String closeReason() {
        return closeReason;
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        subscriptions.forEach(Subscription::close);
        synchronized (writeLock) {
            queue.clear();
        }
        onClose.run();
        try {
            async.complete();
        } catch (RuntimeException alreadyDone) {
            // The container completed it (client gone, error dispatch).
        }
    }
}
