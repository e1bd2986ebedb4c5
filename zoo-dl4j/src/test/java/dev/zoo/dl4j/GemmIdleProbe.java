package dev.zoo.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run in a JVM of its own by {@link NativeThreadWaitTest}: loads ND4J the way the backend does, then
 * multiplies matrices with pauses between the calls (as a training step calls OpenBLAS between other
 * work), looks at the native threads a few milliseconds after each call, and prints the share of
 * looks in which one of them was still running or waiting for a CPU instead of asleep. The state is
 * read rather than CPU time, so a loaded machine, which slows a spinning thread, does not hide it.
 */
public final class GemmIdleProbe {

    private static final int CALLS = 100;

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
        for (int i = 0; i < CALLS; i++) {
            a.mmul(b);
            Thread.sleep(4);
            if (anotherNativeThreadRuns(self)) {
                busy++;
            }
            Thread.sleep(4);
        }
        System.out.println("busy-after-call " + busy / (double) CALLS);
    }

    /**
     * Whether a thread of this process other than {@code self} that the JVM did not name (native
     * libraries' workers keep the process's name, {@code java}) is running or runnable.
     */
    private static boolean anotherNativeThreadRuns(String self) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (t.getFileName().toString().equals(self)) {
                    continue;
                }
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    if (name.equals("java") && state == 'R') {
                        return true;
                    }
                } catch (IOException gone) {
                    // the thread ended
                }
            }
        }
        return false;
    }
}
