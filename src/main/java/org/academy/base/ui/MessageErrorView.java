package org.academy.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;

/**
 * An error page with a heading, a sentence for people and a way back. Subclasses decide which
 * exception they answer and what they may reveal of it.
 */
abstract class MessageErrorView<T extends Exception> extends VerticalLayout implements HasErrorParameter<T> {

    static final String NOT_FOUND = "This page does not exist, or you do not have access to it.";

    private final H2 heading = new H2();
    private final Paragraph message = new Paragraph();

    MessageErrorView() {
        addClassName("error-view");
        message.addClassName("error-message");
        add(heading, message, new Anchor("", "Back to your start page"));
    }

    @Override
    public final int setErrorParameter(BeforeEnterEvent event, ErrorParameter<T> parameter) {
        heading.setText(heading(parameter));
        message.setText(message(parameter));
        return status(parameter);
    }

    abstract String heading();

    /** Most pages have one heading whatever was thrown; a subclass may tell causes apart. */
    String heading(ErrorParameter<T> parameter) {
        return heading();
    }

    int status(ErrorParameter<T> parameter) {
        return status();
    }

    abstract String message(ErrorParameter<T> parameter);

    abstract int status();
}
