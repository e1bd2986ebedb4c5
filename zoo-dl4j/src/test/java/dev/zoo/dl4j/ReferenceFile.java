package dev.zoo.dl4j;

import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the reference tensors written by {@code src/test/python/reference_networks.py}. */
final class ReferenceFile {

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    ReferenceFile(String resource) {
        try (InputStream in = ReferenceFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String[] parts = line.split("\\|", -1);
                int[] shape = parts[1].isEmpty() ? new int[0]
                        : Arrays.stream(parts[1].split(",")).mapToInt(Integer::parseInt).toArray();
                String[] values = parts[2].trim().split(" ");
                float[] data = new float[values.length];
                for (int i = 0; i < data.length; i++) {
                    data[i] = Float.parseFloat(values[i]);
                }
                tensors.put(parts[0], Tensor.of(data, shape));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("reference has no tensor " + name);
        }
        return t;
    }

    /** Every tensor under {@code prefix.}, with the prefix removed. */
    Weights weights(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                out.put(k.substring(prefix.length() + 1), v);
            }
        });
        return new Weights(out);
    }

    int[] labels() {
        float[] f = get("batch.labels").data();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = (int) f[i];
        }
        return out;
    }
}
