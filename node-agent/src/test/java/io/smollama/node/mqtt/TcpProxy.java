package io.smollama.node.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder between an MQTT client and a broker, so a test can make the broker unreachable
 * (stop accepting) and kill live connections abruptly (RST, no DISCONNECT) without touching the broker.
 */
final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TcpProxy(int port, int target) {
        this.port = port;
        this.target = target;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** Starts accepting on the proxy port. */
    void open() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        Thread.ofPlatform().daemon().name("proxy-accept").start(() -> {
            while (!s.isClosed()) {
                try {
                    Socket in = s.accept();
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(in);
                    sockets.add(out);
                    pump(in, out);
                    pump(out, in);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("proxy-pump").start(() -> {
            byte[] buf = new byte[8192];
            try (InputStream is = from.getInputStream()) {
                OutputStream os = to.getOutputStream();
                int n;
                while ((n = is.read(buf)) >= 0) {
                    os.write(buf, 0, n);
                    os.flush();
                }
            } catch (IOException e) {
                // the other side or cutAll() closed the connection
            }
            kill(to);
        });
    }

    /** Resets every live connection, as a pulled network cable or a crashed node would. */
    void cutAll() {
        for (Socket s : sockets) {
            kill(s);
        }
        sockets.clear();
    }

    /** Stops accepting and resets every connection. */
    @Override
    public void close() throws IOException {
        ServerSocket s = server;
        if (s != null) {
            s.close();
        }
        cutAll();
    }

    private static void kill(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
