package org.academy.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Shows a link that is shown only this once (an invitation or a password reset): there is no mail
 * server, so the administrator passes it on. The field is read-only and selected for copying.
 */
public final class OneTimeLinkDialog {

    private OneTimeLinkDialog() {
    }

    public static Dialog open(String title, String explanation, String path) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.setId("one-time-link");
        TextField link = new TextField("Link (shown only now)");
        link.setId("one-time-link-url");
        link.setValue(Links.absolute(path));
        link.setReadOnly(true);
        link.setWidth("36em");
        link.addFocusListener(e -> link.getElement().executeJs("this.inputElement.select()"));
        dialog.add(new Paragraph(explanation), link);
        Button close = new Button("Done", e -> dialog.close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(close);
        dialog.open();
        return dialog;
    }
}
