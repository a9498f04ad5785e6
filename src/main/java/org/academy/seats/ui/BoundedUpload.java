package org.academy.seats.ui;

import java.io.IOException;
import java.io.InputStream;

import com.vaadin.flow.function.SerializableBiConsumer;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;

/**
 * An upload kept in memory up to a limit enforced on the server: the picker's limit is only
 * advice to an honest browser, and a direct POST would otherwise be held in memory whole. A
 * request that declares more is refused before its body is read; one that does not declare its
 * length is read up to the limit and one byte more, then refused. Multipart requests get the same
 * limits through Vaadin's own checks.
 */
final class BoundedUpload implements UploadHandler {

    private final int maxBytes;
    private final SerializableBiConsumer<String, byte[]> received;
    private final SerializableConsumer<String> refused;

    /** Both callbacks run with the UI's session locked. */
    BoundedUpload(int maxBytes, SerializableBiConsumer<String, byte[]> received, SerializableConsumer<String> refused) {
        this.maxBytes = maxBytes;
        this.received = received;
        this.refused = refused;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        String tooLarge = "The file is larger than " + (maxBytes / (1024 * 1024)) + " MB.";
        if (event.getFileSize() > maxBytes) {
            refuse(event, tooLarge);
            return;
        }
        byte[] data;
        try (InputStream in = event.getInputStream()) {
            data = in.readNBytes(maxBytes + 1);
        }
        if (data.length > maxBytes) {
            refuse(event, tooLarge);
            return;
        }
        String name = event.getFileName();
        event.getUI().access(() -> received.accept(name, data));
    }

    private void refuse(UploadEvent event, String message) {
        event.reject(message);
        var ui = event.getUI();
        if (ui != null) {
            ui.access(() -> refused.accept(message));
        }
    }

    @Override
    public long getRequestSizeMax() {
        // Room for the multipart envelope around one file.
        return maxBytes + 64 * 1024L;
    }

    @Override
    public long getFileSizeMax() {
        return maxBytes;
    }

    @Override
    public long getFileCountMax() {
        return 1;
    }
}
