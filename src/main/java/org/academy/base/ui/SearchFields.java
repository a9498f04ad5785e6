package org.academy.base.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/**
 * The search box above a lazy grid: the typed text goes to the server once typing pauses (not per
 * key), where the service matches it; clearing it shows everything again.
 */
public final class SearchFields {

    private SearchFields() {
    }

    public static TextField create(String id, String placeholder, Runnable changed) {
        TextField search = new TextField();
        search.setId(id);
        search.setPlaceholder(placeholder);
        search.setClearButtonVisible(true);
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> changed.run());
        return search;
    }
}
