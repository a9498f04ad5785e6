package org.academy.base.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

/**
 * A link that downloads CSV made when it is clicked, by the service, as the person clicking: the
 * download request passes the same security filter and service checks as any other call.
 */
public final class CsvDownload {

    private CsvDownload() {
    }

    public static Anchor anchor(String text, String fileName, Supplier<String> csv) {
        Anchor anchor = new Anchor(DownloadHandler.fromInputStream(download -> {
            // A byte-order mark, so that spreadsheet programs read names with accents as UTF-8.
            byte[] bytes = ("\uFEFF" + csv.get()).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), fileName, "text/csv;charset=utf-8", bytes.length);
        }), text);
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }
}
