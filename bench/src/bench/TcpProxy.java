package bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 for the benchmark: each connection goes to the next backend port in
 * turn (a round robin of whole connections, as a load balancer spreads keep-alive connections),
 * and every chunk is held the given microseconds in each direction before it is passed on, so a
 * database on this machine answers as one across a network would: a round trip of twice the delay.
 * Chunks keep their order and are not held behind each other: each is due its delay after it
 * arrived. Usage: TcpProxy listen-port one-way-delay-micros backend-port...
 */
public final class TcpProxy {

    private static final byte[] END = new byte[0];

    /** A chunk read, and when it may be written. */
    private record Chunk(byte[] bytes, long dueNanos) {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delayNanos = Long.parseLong(args[1]) * 1000;
        int[] backends = Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray();
        AtomicInteger next = new AtomicInteger();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(loopback, port), 256);
            System.out.println("proxy on " + port + " to " + Arrays.toString(backends) + ", one way +" + args[1] + " us");
            while (true) {
                Socket client = server.accept();
                int backend = backends[Math.floorMod(next.getAndIncrement(), backends.length)];
                try {
                    Socket upstream = new Socket(loopback, backend);
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    pipe(client, upstream, delayNanos);
                    pipe(upstream, client, delayNanos);
                } catch (IOException e) {
                    client.close();
                }
            }
        }
    }

    /** Copies from one socket to the other, each chunk held its delay; closes both at the end. */
    private static void pipe(Socket from, Socket to, long delayNanos) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                }
            } catch (IOException closed) {
                // the other side ended the connection
            }
            queue.add(new Chunk(END, System.nanoTime() + delayNanos));
        });
        Thread writer = new Thread(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = queue.take();
                    for (long wait; (wait = chunk.dueNanos() - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    if (chunk.bytes() == END) {
                        break;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // the other side ended the connection
            } finally {
                close(from);
                close(to);
            }
        });
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
