package io.botchannel.chat2desk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Passes TCP connections on 127.0.0.1 through to a server, until it is closed: then the server is
 * gone for whoever connected through it (a database that went down, a cut network). It may show
 * what clients send on each connection to a reader of the server's protocol.
 */
public final class TcpRelay implements AutoCloseable {

    /** Sees what a client sends on one connection, in order, chunk by chunk. */
    @FunctionalInterface
    public interface ClientBytes {
        void sent(byte[] buffer, int length);
    }

    private static final ClientBytes NONE = (buffer, length) -> { };

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public TcpRelay(String host, int port) throws IOException {
        this(host, port, Duration.ZERO, () -> NONE);
    }

    /**
     * A relay that holds what clients send for {@code delay} before passing it on, as a database
     * across a network would (each round trip takes that much longer), and shows it to a reader
     * from {@code readers}, one for each new connection.
     */
    public TcpRelay(String host, int port, Duration delay, Supplier<ClientBytes> readers) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket(host, port);
                    sockets.add(client);
                    sockets.add(target);
                    pump(client, target, readers.get(), delay);
                    pump(target, client, NONE, Duration.ZERO);
                } catch (IOException e) {
                    return;
                }
            }
        }, "tcp-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private static void pump(Socket from, Socket to, ClientBytes reader, Duration delay) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    reader.sent(buffer, n);
                    if (!delay.isZero()) {
                        Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // one side closed: the other follows below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-relay-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(TcpRelay::closeQuietly);
    }
}
