package io.smollama.node.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair that carries multicast, so mDNS really crosses a
 * network between processes: {@code a} has 10.213.0.1/24, {@code b} 10.213.0.2/24. Names carry this
 * JVM's pid, so parallel runs do not collide; closing deletes both namespaces (and the pair with
 * them). Needs root and iproute2; {@link #create()} skips the test with the reason when either is
 * missing.
 */
public final class NetworkNamespaces implements AutoCloseable {

    public static final String ADDRESS_A = "10.213.0.1";
    public static final String ADDRESS_B = "10.213.0.2";
    /** A second address {@link #moveA} gives namespace {@code a}, for a node that moves. */
    public static final String ADDRESS_A2 = "10.213.0.3";

    private final String a;
    private final String b;
    private final String ip;
    private final String vethA;

    private NetworkNamespaces(String ip, String a, String b, String vethA) {
        this.ip = ip;
        this.a = a;
        this.b = b;
        this.vethA = vethA;
    }

    public static NetworkNamespaces create() throws IOException, InterruptedException {
        String ip = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip").stream()
                .filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst()
                .orElse(null);
        assumeTrue(ip != null, "skipped: the 'ip' command (Debian package iproute2) is not installed");
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "skipped: creating network namespaces needs root (running as " + System.getProperty("user.name") + ")");
        long pid = ProcessHandle.current().pid();
        String vethA = "sma" + pid;
        NetworkNamespaces ns = new NetworkNamespaces(ip, "smollama-a-" + pid, "smollama-b-" + pid, vethA);
        String vethB = "smb" + pid;
        Result add = ns.run("netns", "add", ns.a);
        assumeTrue(add.ok(), "skipped: 'ip netns add' is not permitted here: " + add.output());
        try {
            ns.must("netns", "add", ns.b);
            ns.must("link", "add", vethA, "netns", ns.a, "type", "veth", "peer", "name", vethB, "netns", ns.b);
            ns.side(ns.a, vethA, ADDRESS_A);
            ns.side(ns.b, vethB, ADDRESS_B);
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    private void side(String namespace, String veth, String address) throws IOException, InterruptedException {
        must("-n", namespace, "link", "set", "lo", "up");
        must("-n", namespace, "addr", "add", address + "/24", "dev", veth);
        must("-n", namespace, "link", "set", veth, "up");
        must("-n", namespace, "route", "add", "224.0.0.0/4", "dev", veth);
    }

    /**
     * Moves namespace {@code a} from {@link #ADDRESS_A} to {@link #ADDRESS_A2}, as a DHCP lease might after a power
     * cut; start the node there again with {@code discovery.interface} set to the new address.
     */
    public void moveA() throws IOException, InterruptedException {
        // deleting a primary address deletes its secondaries too: delete first, then add
        must("-n", a, "addr", "del", ADDRESS_A + "/24", "dev", vethA);
        must("-n", a, "addr", "add", ADDRESS_A2 + "/24", "dev", vethA);
        must("-n", a, "route", "replace", "224.0.0.0/4", "dev", vethA);
    }

    /** The command prefix that runs a program in namespace {@code a}. */
    public List<String> inA() {
        return List.of(ip, "netns", "exec", a);
    }

    public List<String> inB() {
        return List.of(ip, "netns", "exec", b);
    }

    private record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ip));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + cmd);
        }
        return new Result(p.exitValue(), out);
    }

    private void must(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        if (!r.ok()) {
            throw new IOException("ip " + String.join(" ", args) + " failed (" + r.exit() + "): " + r.output());
        }
    }

    @Override
    public void close() throws IOException {
        Result ra;
        Result rb;
        try {
            ra = run("netns", "del", a);
            rb = run("netns", "del", b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting namespaces " + a + " and " + b, e);
        }
        if (!ra.ok() && !ra.output().contains("No such file")) {
            throw new IOException("could not delete namespace " + a + ": " + ra.output());
        }
        if (!rb.ok() && !rb.output().contains("No such file")) {
            throw new IOException("could not delete namespace " + b + ": " + rb.output());
        }
    }
}
