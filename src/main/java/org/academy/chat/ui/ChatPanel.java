package org.academy.chat.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.academy.base.push.TopicHub;
import org.academy.base.ui.Formats;
import org.academy.base.ui.LiveUpdates;
import org.academy.chat.ChatEvent;
import org.academy.chat.ChatMember;
import org.academy.chat.ChatMessage;
import org.academy.chat.ChatPage;
import org.academy.chat.ChatRoom;
import org.academy.chat.ChatService;
import org.academy.chat.ChatTopics;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * One chat room: history with "load older", live new messages, edits and deletions, a composer
 * with @mention suggestions, and instructors' moderation. Messages are text components, so
 * anything that looks like HTML is shown as typed.
 */
final class ChatPanel extends VerticalLayout {

    static final int PAGE = 50;

    private final ChatService chat;
    private final ChatRoom room;
    private final VerticalLayout messages = new VerticalLayout();
    private final Map<Long, MessageRow> rows = new LinkedHashMap<>();
    private final Button older = new Button("Load older messages");
    private final TextArea input = new TextArea();
    private final Button send = new Button("Send");
    private final Span muted = new Span();
    private final Span notSent = new Span();
    private long oldestId = Long.MAX_VALUE;
    private final Scroller scroller;

    ChatPanel(ChatService chat, TopicHub hub, ChatRoom room) {
        this.chat = chat;
        this.room = room;
        addClassName("chat");
        setPadding(false);
        setId("chat-" + room.id());
        messages.setPadding(false);
        messages.setSpacing(false);
        messages.setId("chat-messages");
        older.setId("chat-older");
        older.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        older.addClickListener(e -> loadOlder());
        VerticalLayout history = new VerticalLayout(older, messages);
        history.setPadding(false);
        scroller = new Scroller(history);
        scroller.setHeight("28em");
        scroller.setWidthFull();

        input.setId("chat-input");
        input.setWidthFull();
        input.setPlaceholder(getTranslation(room.sessionId() != null ? "chat.placeholder.session" : "chat.placeholder.cohort"));
        input.setAriaLabel(getTranslation("chat.message"));
        send.setText(getTranslation("chat.send"));
        older.setText(getTranslation("chat.older"));
        input.setMaxLength(chat.maxLength());
        input.setValueChangeMode(ValueChangeMode.EAGER);
        input.addValueChangeListener(e -> input.setHelperText(e.getValue().length() + "/" + chat.maxLength()));
        // The browser keeps what is typed here until the server confirms it was posted (connection.js),
        // so text written before an outage or a restart comes back, marked as not sent.
        input.getElement().setAttribute("data-academy-draft", "chat-" + room.id());
        notSent.setId("chat-not-sent");
        notSent.addClassName("chat-not-sent");
        send.setId("chat-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> post());
        send.addClickShortcut(Key.ENTER).listenOn(input);
        ComboBox<ChatMember> mention = new ComboBox<>();
        mention.setId("chat-mention");
        mention.setPlaceholder(getTranslation("chat.mention"));
        // Fetched when the list is opened or typed into, not held by every screen: a cohort of a
        // thousand copied into each participant's screen costs ≈ 24 MB per thousand screens.
        long roomId = room.id();
        mention.setItems(query -> {
            String wanted = query.getFilter().orElse("").toLowerCase(java.util.Locale.ROOT);
            return chat.members(roomId).stream()
                    .filter(m -> m.displayName().toLowerCase(java.util.Locale.ROOT).contains(wanted))
                    .skip(query.getOffset()).limit(query.getLimit());
        });
        mention.setItemLabelGenerator(ChatMember::displayName);
        mention.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                input.setValue((input.getValue().isEmpty() ? "" : input.getValue() + " ") + "@" + e.getValue().displayName() + " ");
                mention.clear();
                input.focus();
            }
        });
        muted.setId("chat-muted");
        muted.addClassName("live-status");
        HorizontalLayout composer = new HorizontalLayout(input, mention, send);
        composer.setWidthFull();
        composer.setAlignItems(Alignment.BASELINE);
        add(scroller, muted, notSent, composer);

        ChatPage latest = chat.latest(room.id(), PAGE);
        latest.messages().forEach(this::append);
        older.setVisible(latest.hasOlder());
        LiveUpdates.bind(this, hub, ChatTopics.room(room.id()), this::changed);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        markRead();
        showMute();
        restoreDraft();
        keepScrollPosition();
    }

    static final String NOT_SENT = "Not sent: this message was typed before the connection was lost. Press Send to send it.";

    private void restoreDraft() {
        input.getElement().executeJs("return window.academyConnection ? window.academyConnection.draft(this) : null")
                .then(String.class, draft -> {
                    if (draft != null && !draft.isBlank() && input.isEmpty()) {
                        input.setValue(draft);
                        notSent.setText(NOT_SENT);
                    }
                });
    }

    /**
     * The history opens at the newest message and follows new ones while the reader is at the
     * bottom; loading older messages keeps the message the reader was looking at in place. Done in
     * the browser because only it knows the heights, and they change after the server's update
     * (hidden tabs, fonts, wrapped lines): a resize observer re-applies the rule after each layout.
     */
    private void keepScrollPosition() {
        scroller.getElement().executeJs("""
                const s = this;
                if (s.__academyChat) { return; }
                s.__academyChat = true;
                s.style.overflowAnchor = 'none';
                s.__stick = true;
                s.addEventListener('scroll', () => {
                    s.__stick = s.scrollHeight - s.scrollTop - s.clientHeight < 40;
                });
                $0.addEventListener('click', () => {
                    const first = $1.firstElementChild;
                    s.__anchor = first ? {el: first, top: first.getBoundingClientRect().top} : null;
                });
                const place = () => {
                    const a = s.__anchor;
                    if (a && a.el.isConnected && a.el.previousElementSibling) {
                        s.__anchor = null;
                        s.scrollTop += a.el.getBoundingClientRect().top - a.top;
                    } else if (s.__stick) {
                        s.scrollTop = s.scrollHeight;
                    }
                };
                const observer = new ResizeObserver(place);
                observer.observe(s);
                observer.observe(s.firstElementChild);
                """, older.getElement(), messages.getElement());
    }

    private void changed(List<ChatEvent> events) {
        for (ChatEvent event : events) {
            switch (event.kind()) {
                case POSTED, EDITED, DELETED -> chat.message(event.messageId()).ifPresent(this::upsert);
                case MUTED -> showMute();
            }
        }
        markRead();
    }

    private void post() {
        String text = input.getValue();
        ChatMessage posted = chat.post(room.id(), text);
        input.clear();
        notSent.setText("");
        input.getElement().executeJs("window.academyConnection && window.academyConnection.sent(this, $0)", text);
        // Whoever sends a message wants to see it, wherever they had scrolled.
        scroller.getElement().executeJs("this.__stick = true");
        upsert(posted);
        markRead();
    }

    private void loadOlder() {
        ChatPage page = chat.older(room.id(), oldestId, PAGE);
        List<ChatMessage> list = page.messages();
        for (int i = list.size() - 1; i >= 0; i--) {
            MessageRow row = new MessageRow(list.get(i));
            rows.put(list.get(i).id(), row);
            messages.addComponentAsFirst(row);
            oldestId = Math.min(oldestId, list.get(i).id());
        }
        older.setVisible(page.hasOlder());
    }

    private void upsert(ChatMessage message) {
        MessageRow existing = rows.get(message.id());
        if (existing != null) {
            existing.show(message);
        } else {
            append(message);
        }
    }

    private void append(ChatMessage message) {
        MessageRow row = new MessageRow(message);
        rows.put(message.id(), row);
        messages.add(row);
        oldestId = Math.min(oldestId, message.id());
    }

    private void markRead() {
        rows.keySet().stream().mapToLong(Long::longValue).max().ifPresent(last -> chat.markRead(room.id(), last));
    }

    private void showMute() {
        Optional<Instant> until = chat.myMute(room.id());
        boolean isMuted = until.isPresent();
        muted.setText(isMuted ? "An instructor has muted you until " + Formats.clock(until.get()).substring(0, 5) + "." : "");
        input.setEnabled(!isMuted);
        send.setEnabled(!isMuted);
    }

    /** A message with its author, time, "(edited)", and the actions the caller may take. */
    private final class MessageRow extends VerticalLayout {
        private final Span meta = new Span();
        private final Div text = new Div();
        private final HorizontalLayout actions = new HorizontalLayout();

        MessageRow(ChatMessage message) {
            setPadding(false);
            setSpacing(false);
            addClassName("chat-message");
            meta.addClassName("live-status");
            text.addClassName("chat-text");
            text.getStyle().set("white-space", "pre-wrap");
            actions.setSpacing(false);
            add(meta, text, actions);
            show(message);
        }

        void show(ChatMessage m) {
            setId("message-" + m.id());
            meta.setText(m.authorName() + " · " + Formats.clock(m.createdAt()).substring(0, 5)
                    + (m.editedAt() != null && !m.deleted() ? " · edited" : ""));
            if (m.deleted()) {
                text.setText("Message deleted");
                text.getStyle().set("font-style", "italic").set("color", "var(--lumo-secondary-text-color)");
            } else {
                // setText: the message is a text node, whatever it contains.
                text.setText(m.text());
            }
            getStyle().set("background", m.mentionsMe() && !m.deleted() ? "var(--lumo-primary-color-10pct)" : "transparent");
            actions.removeAll();
            if (m.canEdit()) {
                actions.add(action("Edit", "edit", () -> edit(m)));
            }
            if (m.canDelete()) {
                actions.add(action("Delete", "delete", () -> confirmDelete(m)));
            }
            if (room.staff() && !m.mine() && !m.deleted()) {
                actions.add(action("Mute 10 min", "mute", () -> chat.mute(room.id(), m.authorId(), Duration.ofMinutes(10))));
            }
        }

        private Button action(String label, String name, Runnable run) {
            Button b = new Button(label, e -> run.run());
            b.setId(getId().orElse("message") + "-" + name);
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            return b;
        }

        private void edit(ChatMessage m) {
            TextArea editor = new TextArea();
            editor.setId(getId().orElse("message") + "-editor");
            editor.setValue(m.text());
            editor.setMaxLength(chat.maxLength());
            editor.setWidthFull();
            Button save = new Button("Save", e -> show(chat.edit(m.id(), editor.getValue())));
            save.setId(getId().orElse("message") + "-save");
            Button cancel = new Button("Cancel", e -> show(m));
            actions.removeAll();
            actions.add(editor, save, cancel);
        }

        private void confirmDelete(ChatMessage m) {
            ConfirmDialog dialog = new ConfirmDialog("Delete this message?", "Everyone in the room will see it as deleted.",
                    "Delete", e -> chat.delete(m.id()));
            dialog.setCancelable(true);
            dialog.setConfirmButtonTheme("error primary");
            dialog.open();
        }
    }
}
