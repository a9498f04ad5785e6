package org.academy.base.ui;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.academy.base.push.ResyncSignal;
import org.academy.base.push.Subscription;
import org.academy.base.push.Topic;
import org.academy.base.push.TopicHub;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;

/**
 * The one way a view listens to a topic: subscribed while the view is attached, unsubscribed when
 * it detaches (tab closed, navigation, session expiry), handler run inside {@code UI.access} so it
 * may touch components and push. The hub keeps only the wrapped handler, never the UI.
 */
public final class LiveUpdates {

    private LiveUpdates() {
    }

    /**
     * Keeps {@code owner} subscribed to {@code topic} for as long as it is attached.
     *
     * @return removes the binding (and the subscription, if any); call it before binding the
     * same view to another topic, e.g. when route parameters change on a reused view
     */
    public static <E> Registration bind(Component owner, TopicHub hub, Topic<E> topic,
                                        SerializableConsumer<List<E>> handler) {
        Binding<E> binding = new Binding<>(hub, topic, owner, handler);
        Registration onAttach = owner.addAttachListener(binding::attached);
        Registration onDetach = owner.addDetachListener(binding::detached);
        owner.getUI().ifPresent(binding::subscribe);
        return () -> {
            onAttach.remove();
            onDetach.remove();
            binding.unsubscribe();
        };
    }

    private static final String RESYNC = LiveUpdates.class.getName() + ".resync";

    /**
     * Once per UI: when the hub says this node may have missed events from other nodes, the UI's
     * current view is built again from the database (as on navigation, without reloading the page).
     */
    private static void resyncOnReconnect(UI ui, TopicHub hub) {
        if (!(hub instanceof ResyncSignal signal) || ComponentUtil.getData(ui, RESYNC) != null) {
            return;
        }
        Subscription resync = signal.onResync(ui.accessLater(() -> ui.refreshCurrentRoute(false), null));
        ComponentUtil.setData(ui, RESYNC, resync);
        ui.addDetachListener(detached -> {
            resync.close();
            ComponentUtil.setData(ui, RESYNC, null);
        });
    }

    private static final class Binding<E> {
        private final TopicHub hub;
        private final Topic<E> topic;
        private final Component owner;
        private final SerializableConsumer<List<E>> handler;
        private Subscription subscription;

        Binding(TopicHub hub, Topic<E> topic, Component owner, SerializableConsumer<List<E>> handler) {
            this.hub = hub;
            this.topic = topic;
            this.owner = owner;
            this.handler = handler;
        }

        /**
         * Runs inside the UI's lock. An update queued just before the view detached (navigation,
         * logout) is dropped here: the view is gone, and its services may no longer admit the caller.
         */
        private void deliver(List<E> events) {
            if (subscription != null && owner.isAttached()) {
                handler.accept(events);
            }
        }

        void attached(AttachEvent event) {
            subscribe(event.getUI());
        }

        void detached(DetachEvent event) {
            unsubscribe();
        }

        void subscribe(UI ui) {
            unsubscribe();
            // A detached UI drops the update silently: the view reloads from the database on its next attach.
            // The hub counts the view busy until the update has run in the UI (not merely been queued to
            // it), so events that come meanwhile are coalesced into its next update (decision 15).
            subscription = hub.subscribeAsync(topic, events -> {
                CompletableFuture<Void> done = new CompletableFuture<>();
                ui.accessLater(() -> {
                    try {
                        deliver(events);
                        // This update is pushed: it carries the connection's beat (no separate push for it).
                        ConnectionWatch.pushing(ui);
                    } finally {
                        done.complete(null);
                    }
                }, () -> done.complete(null)).run();
                return done;
            });
            resyncOnReconnect(ui, hub);
        }

        void unsubscribe() {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        }
    }
}
