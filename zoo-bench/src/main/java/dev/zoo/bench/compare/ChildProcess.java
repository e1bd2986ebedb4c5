package dev.zoo.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One child process of a comparison: usually a JVM started with the parent's own java, JVM options
 * and class path (so it runs exactly what the launcher runs, with the native threads the launcher
 * chose or {@code ZOO_THREADS} set, and its environment) running {@link CompareWorker} on a job file, or a Python
 * peer speaking the same protocol. Its events come back through {@link WorkerChannel}; its other
 * output goes to a log file, whose last line explains a crash.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader events;
    private final PrintWriter commands;
    private final Path log;
    private String error;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.events = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    }

    /** Starts a child JVM on {@code job}, its log in {@code log}. */
    static ChildProcess start(Path job, Path log) {
        return start(command(job), log);
    }

    /** Starts {@code command} as a child that speaks the worker protocol, its log in {@code log}. */
    static ChildProcess start(List<String> command, Path log) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new ChildProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("compare: cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The java command of this JVM, its options and class path, with {@link CompareWorker} on {@code job}. */
    static List<String> command(Path job) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-javaagent")) {
                cmd.add(option);
            }
        }
        cmd.add("-Djava.awt.headless=true");
        String fail = System.getProperty(CompareWorker.FAIL_PROPERTY);
        if (fail != null) {
            cmd.add("-D" + CompareWorker.FAIL_PROPERTY + "=" + fail);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CompareWorker.class.getName());
        cmd.add(job.toString());
        return cmd;
    }

    /**
     * Reads events until one of {@code kind} (returned), the child's {@code error} (then null, see
     * {@link #error()}) or its end (null); every event on the way goes to {@code onEvent}.
     */
    JsonNode until(String kind, Consumer<JsonNode> onEvent) {
        try {
            for (String line; (line = events.readLine()) != null; ) {
                JsonNode e = WorkerChannel.parse(line);
                if (e == null) {
                    Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.APPEND);
                    continue;
                }
                String k = e.path("kind").asText();
                if (k.equals("error")) {
                    error = e.path("message").asText();
                    return null;
                }
                if (k.equals(kind)) {
                    return e;
                }
                onEvent.accept(e);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("compare: lost the child process's output: " + e.getMessage(), e);
        }
    }

    /** Sends one command line to the child. */
    void send(String command) {
        commands.println(command);
    }

    /**
     * Waits for the child to exit and returns null when it succeeded, else why it failed: its error
     * event, or its exit code and the last line of its log.
     */
    String finish() {
        commands.close();
        try {
            int code = process.waitFor();
            if (error != null) {
                return error;
            }
            if (code != 0) {
                return "the child process exited with code " + code + lastLogLine();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return "interrupted";
        }
    }

    /**
     * {@link #finish()} for a child that stopped before it answered: always a reason, also when it
     * exited with code 0 (a Python peer whose script came out empty does).
     */
    String finishUnanswered() {
        String why = finish();
        return why != null ? why : "the child process ended without answering (exit code 0)" + lastLogLine();
    }

    private String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return ": " + lines.get(i).strip();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return " (no log: " + e.getMessage() + ")";
        }
        return "";
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
