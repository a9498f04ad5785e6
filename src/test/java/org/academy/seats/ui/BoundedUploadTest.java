package org.academy.seats.ui;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.streams.UploadEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The upload limit holds on the server, for a request that no browser checked. */
class BoundedUploadTest {

    private static final int LIMIT = 2 * 1024 * 1024;
    private static final long TWENTY_MB = 20L * 1024 * 1024;

    /** 20 MB of "a", counting what was read of it. */
    static final class Endless extends InputStream {
        long remaining = TWENTY_MB;
        long read;

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            read++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            java.util.Arrays.fill(b, off, off + n, (byte) 'a');
            remaining -= n;
            read += n;
            return n;
        }
    }

    private final List<byte[]> received = new ArrayList<>();
    private final BoundedUpload handler = new BoundedUpload(LIMIT, (name, bytes) -> received.add(bytes), message -> { });

    private UploadEvent post(long declaredLength, Endless body) throws Exception {
        VaadinRequest request = mock(VaadinRequest.class);
        when(request.getInputStream()).thenReturn(body);
        return new UploadEvent(request, null, null, "seats.csv", declaredLength, "text/csv", new Element("div"), null);
    }

    @Test
    void a_post_declaring_twenty_megabytes_is_refused_before_its_body_is_read() throws Exception {
        Endless body = new Endless();
        UploadEvent event = post(TWENTY_MB, body);
        handler.handleUploadRequest(event);

        assertThat(event.isRejected()).isTrue();
        assertThat(event.getRejectionMessage()).contains("larger than 2 MB");
        assertThat(body.read).isZero();
        assertThat(received).isEmpty();
    }

    @Test
    void a_post_hiding_its_length_is_read_only_up_to_the_limit_then_refused() throws Exception {
        Endless body = new Endless();
        UploadEvent event = post(-1, body);
        handler.handleUploadRequest(event);

        assertThat(event.isRejected()).isTrue();
        assertThat(body.read).isEqualTo(LIMIT + 1);
        assertThat(received).isEmpty();
    }

    @Test
    void multipart_requests_get_the_same_limits_from_vaadin() {
        assertThat(handler.getFileSizeMax()).isEqualTo(LIMIT);
        assertThat(handler.getRequestSizeMax()).isBetween((long) LIMIT, LIMIT + 100_000L);
        assertThat(handler.getFileCountMax()).isEqualTo(1);
    }
}
