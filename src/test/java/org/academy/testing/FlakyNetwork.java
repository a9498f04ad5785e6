package org.academy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny TCP proxy in front of the app, for browsers: it passes HTTP as it is, and can
 * <ul>
 *   <li>black-hole WebSocket connections after their upgrade: they stay open, and every frame in
 *       either direction is read and dropped, as some corporate proxies and captive portals do;</li>
 *   <li>go down (every connection closed, new ones refused) and come back on the same port, as a
 *       server restart looks to a browser.</li>
 * </ul>
 */
public final class FlakyNetwork implements AutoCloseable {

    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean blackHoleWebSockets;

    public FlakyNetwork(int targetPort) {
        this.target = targetPort;
        try {
            ServerSocket first = new ServerSocket();
            first.setReuseAddress(true);
            first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.port = first.getLocalPort();
            listen(first);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port + "/";
    }

    /** From now on, WebSocket frames (of open and new connections) go nowhere; the sockets stay open. */
    public void blackHoleWebSockets(boolean on) {
        blackHoleWebSockets = on;
    }

    /** Closes every connection and refuses new ones, until {@link #up()}. */
    public synchronized void down() {
        ServerSocket l = listener;
        listener = null;
        closeQuietly(l);
        open.forEach(FlakyNetwork::closeQuietly);
        open.clear();
    }

    /**
     * Cuts the line abruptly: every open connection is reset (RST, no orderly close, as when a
     * server's host dies or a firewall drops state) and new ones are refused, until {@link #up()}.
     */
    public synchronized void cut() {
        ServerSocket l = listener;
        listener = null;
        closeQuietly(l);
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException alreadyClosed) {
                // nothing to reset
            }
            closeQuietly(s);
        }
        open.clear();
    }

    /** Connections passing through now. */
    public int openConnections() {
        return open.size() / 2;
    }

    /** Accepts connections again, on the same port. */
    public synchronized void up() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listen(again);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void listen(ServerSocket socket) {
        listener = socket;
        Thread.ofVirtual().name("flaky-network-accept").start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread.ofVirtual().start(() -> connect(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void connect(Socket client) {
        Socket server;
        try {
            server = new Socket(InetAddress.getLoopbackAddress(), target);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(server);
        // [0]: the browser asked for an upgrade; [1]: the server's answer (101) has passed.
        boolean[] upgraded = {false, false};
        Thread.ofVirtual().start(() -> pump(client, server, upgraded, true));
        Thread.ofVirtual().start(() -> pump(server, client, upgraded, false));
    }

    private void pump(Socket from, Socket to, boolean[] upgraded, boolean fromBrowser) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (fromBrowser && !upgraded[0] && new String(buffer, 0, n, StandardCharsets.ISO_8859_1)
                        .toLowerCase(Locale.ROOT).contains("upgrade: websocket")) {
                    upgraded[0] = true;
                }
                if (upgraded[1] && blackHoleWebSockets) {
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
                if (!fromBrowser && upgraded[0]) {
                    upgraded[1] = true;
                }
            }
        } catch (IOException e) {
            // One side went away: so does the other.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        down();
    }
}
