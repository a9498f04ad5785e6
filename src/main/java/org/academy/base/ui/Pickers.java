package org.academy.base.ui;

import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.academy.base.Paging;

import com.vaadin.flow.component.ItemLabelGenerator;
import com.vaadin.flow.component.combobox.ComboBox;

/** Combo boxes over lists that can be long: the typed text and the page go to the service. */
public final class Pickers {

    private Pickers() {
    }

    public static <T> ComboBox<T> lazy(String label, BiFunction<String, Paging, Stream<T>> fetch,
                                       ItemLabelGenerator<T> itemLabel) {
        ComboBox<T> picker = new ComboBox<>(label);
        picker.setItems(q -> fetch.apply(q.getFilter().orElse(""), new Paging(q.getOffset(), q.getLimit(), "name", true)));
        picker.setItemLabelGenerator(itemLabel);
        picker.setWidth("24em");
        return picker;
    }
}
