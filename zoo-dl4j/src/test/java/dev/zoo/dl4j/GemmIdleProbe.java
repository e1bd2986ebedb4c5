package dev.zoo.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run in a JVM of its own by {@link NativeThreadWaitTest}: loads ND4J the way the backend does, then
 * multiplies matrices with pauses between the calls (as a training step calls OpenBLAS between other
 * work), looks at the native threads 10 ms and again 40 ms after each call, and prints the share of
 * calls after which one of them was running or waiting for a CPU at both looks instead of asleep.
 * The state is read rather than CPU time, because a spinning thread that yields gets almost no CPU on
 * a loaded machine; two looks 30 ms apart, because a thread that spins briefly (libgomp's 10,000
 * iterations) can wait that long for a CPU to finish its spin on a loaded machine.
 */
public final class GemmIdleProbe {

    private static final int CALLS = 50;

    private GemmIdleProbe() {
    }

    public static void main(String[] args) throws Exception {
        new Dl4jBackend().description();
        INDArray a = Nd4j.rand(DataType.FLOAT, 256, 256);
        INDArray b = Nd4j.rand(DataType.FLOAT, 256, 256);
        for (int i = 0; i < 5; i++) {
            a.mmul(b);
        }
        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        int busy = 0;
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < CALLS; i++) {
            a.mmul(b);
            Thread.sleep(10);
            Set<String> first = runningNativeThreads(self);
            Thread.sleep(30);
            Set<String> still = runningNativeThreads(self);
            still.retainAll(first);
            if (!still.isEmpty()) {
                busy++;
                if (seen.length() < 100) {
                    seen.append(" threads ").append(still);
                }
            }
        }
        System.out.println("busy-after-call " + busy / (double) CALLS + seen);
    }

    /**
     * The threads of this process but {@code self} that the JVM did not name (native libraries'
     * workers keep the process's name, {@code java}) and that are running or runnable.
     */
    private static Set<String> runningNativeThreads(String self) throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String id = t.getFileName().toString();
                if (id.equals(self)) {
                    continue;
                }
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.equals("java") && stat.charAt(stat.lastIndexOf(')') + 2) == 'R') {
                        out.add(id);
                    }
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        }
        return out;
    }
}
