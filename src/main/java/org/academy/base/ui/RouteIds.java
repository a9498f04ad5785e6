package org.academy.base.ui;

import java.util.OptionalLong;

import com.vaadin.flow.router.BeforeEnterEvent;

/** Numeric ids from route parameters; anything else in the URL is simply "not found". */
public final class RouteIds {

    private RouteIds() {
    }

    public static OptionalLong get(BeforeEnterEvent event, String name) {
        return event.getRouteParameters().get(name)
                .filter(v -> v.matches("\\d{1,18}"))
                .map(v -> OptionalLong.of(Long.parseLong(v)))
                .orElse(OptionalLong.empty());
    }

    /** A numeric id from the query string ({@code ?name=42}); anything else is empty. */
    public static OptionalLong query(BeforeEnterEvent event, String name) {
        return event.getLocation().getQueryParameters().getSingleParameter(name)
                .filter(v -> v.matches("\\d{1,18}"))
                .map(v -> OptionalLong.of(Long.parseLong(v)))
                .orElse(OptionalLong.empty());
    }
}
