package org.academy.base.cluster;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last number this node has heard from every other node, to notice a message that never
 * arrived: Redis pub/sub loses messages without a word (a publish that failed on the sender, a
 * queue that overflowed), and the connection may stay up all along, so only the numbers can tell.
 * <p>
 * Every message of a node's incarnation is numbered (batches) or repeats the last number (beats,
 * goodbye). A gap is: a number beyond the next one; a node restarted without saying goodbye (what
 * it committed in its last moments may never have been published); or, once this node has listened
 * long enough to have heard every live node, a node first heard of past its first number.
 * <p>
 * Lettuce delivers one connection's messages on one thread, so the marks of one node never race.
 */
final class GapTracker {

    /** Messages this node should have received and did not, said in the sender's numbers. */
    record Gap(String node, String why) {

        @Override
        public String toString() {
            return "node " + node + ": " + why;
        }
    }

    private record Heard(long incarnation, long last, boolean saidGoodbye, long atNanos) {
    }

    private final Map<String, Heard> heard = new ConcurrentHashMap<>();
    private final long graceNanos;
    private final long forgetNanos;
    private volatile long listeningSince;

    /**
     * @param grace       how long after it starts listening this node may hear of a live node for
     *                    the first time past its first number (it was running before); a few beats
     * @param forgetAfter a node not heard of for this long is forgotten (node ids may be random per start)
     */
    GapTracker(Duration grace, Duration forgetAfter, long nowNanos) {
        this.graceNanos = grace.toNanos();
        this.forgetNanos = forgetAfter.toNanos();
        this.listeningSince = nowNanos;
    }

    /** Takes note of a message from {@code node}; returns the gap it reveals, or null. */
    Gap heard(String node, EventCodec.Mark mark, long nowNanos) {
        // A batch's own number is not missed; a beat or a goodbye repeats a number already sent.
        long sentBefore = mark.kind() == EventCodec.Kind.BATCH ? mark.number() - 1 : mark.number();
        boolean goodbye = mark.kind() == EventCodec.Kind.BYE;
        Heard before = heard.get(node);
        String said = mark.kind().name().toLowerCase(Locale.ROOT) + " " + mark.number() + " of incarnation " + mark.incarnation();
        Gap gap = null;
        if (before == null) {
            if (sentBefore >= 1 && nowNanos - listeningSince > graceNanos) {
                gap = new Gap(node, "first heard of at " + said + ", long after this node started listening");
            }
        } else if (before.incarnation() != mark.incarnation()) {
            if (!before.saidGoodbye()) {
                gap = new Gap(node, "restarted without a goodbye: heard up to number " + before.last() + " of incarnation "
                        + before.incarnation() + ", then " + said);
            } else if (sentBefore >= 1) {
                gap = new Gap(node, "restarted, numbers 1 to " + sentBefore + " missing before " + said);
            }
        } else if (sentBefore > before.last()) {
            gap = new Gap(node, "numbers " + (before.last() + 1) + " to " + sentBefore + " missing before " + said);
        }
        // A number lower than the last (not expected from one connection, in order) never moves it back.
        long last = before != null && before.incarnation() == mark.incarnation()
                ? Math.max(before.last(), mark.number()) : mark.number();
        heard.put(node, new Heard(mark.incarnation(), last, goodbye, nowNanos));
        return gap;
    }

    /**
     * After this node's subscription came back: it resynchronises anyway, and the numbers it missed
     * meanwhile are no gap to report again.
     */
    void startOver(long nowNanos) {
        heard.clear();
        listeningSince = nowNanos;
    }

    /** Drops the nodes not heard of for a long time (gone, or their id was random). */
    void forgetSilent(long nowNanos) {
        heard.values().removeIf(h -> nowNanos - h.atNanos() > forgetNanos);
    }

    /** The nodes currently followed. */
    int nodes() {
        return heard.size();
    }
}
