package dev.zoo.bench.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The line protocol between a comparison and its child JVMs: the child writes events as
 * {@code @zoo {json}} lines on its standard output (anything else there is an engine's own output
 * and goes to the child's log), the parent reads them as they come to show live progress.
 */
final class WorkerChannel {

    static final String PREFIX = "@zoo ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    WorkerChannel(PrintStream out) {
        this.out = out;
    }

    /** Sends an event of {@code kind} with {@code fields} given as name, value pairs. */
    void send(String kind, Object... fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            m.put((String) fields[i], fields[i + 1]);
        }
        try {
            String line = PREFIX + JSON.writeValueAsString(m);
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("compare: cannot write event " + kind + ": " + e.getMessage(), e);
        }
    }

    /** The event on {@code line}, or null when the line is not an event. */
    static JsonNode parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        try {
            return JSON.readTree(line.substring(PREFIX.length()));
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
