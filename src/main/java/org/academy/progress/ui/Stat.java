package org.academy.progress.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A headline figure with its label. */
final class Stat extends Div {

    private final Span value = new Span();

    Stat(String id, String label) {
        addClassName("stat");
        value.addClassName("stat-value");
        value.setId(id);
        Span caption = new Span(label);
        caption.addClassName("stat-label");
        add(value, caption);
    }

    void set(String text) {
        value.setText(text);
    }
}
