package io.fleetpulse.simulator.http;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * One node's /metrics listener on the loopback interface. The first start binds an ephemeral port; later
 * starts bind the same port again, so a stopped node comes back where its scrape target points.
 */
public final class NodeHttpServer {

    private static final int BACKLOG = 16;

    private final MetricsHandler handler;
    private final Executor executor;
    private HttpServer server;
    private int port;

    /** @param executor shared by every node's server, so a fleet needs no thread per node for handling */
    public NodeHttpServer(MetricsSource source, Executor executor) {
        this.handler = new MetricsHandler(source);
        this.executor = executor;
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        } catch (IOException e) {
            throw new IOException("cannot bind simulated node to 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        created.createContext("/", handler);
        created.setExecutor(executor);
        created.start();
        server = created;
        port = created.getAddress().getPort();
    }

    /** Closes the listener at once: connections are refused until the next {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public synchronized int port() {
        return port;
    }
}
