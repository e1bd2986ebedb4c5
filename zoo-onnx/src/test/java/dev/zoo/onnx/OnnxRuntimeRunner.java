package dev.zoo.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.zoo.api.data.Batch;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs an ONNX file in ONNX Runtime (one thread, as the tests share the machine). */
final class OnnxRuntimeRunner implements AutoCloseable {

    private final OrtSession session;

    OnnxRuntimeRunner(Path model) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(model.toString(), options);
        }
    }

    /** The declared inputs and outputs, by name. */
    Map<String, NodeInfo> inputs() throws OrtException {
        return session.getInputInfo();
    }

    Map<String, NodeInfo> outputs() throws OrtException {
        return session.getOutputInfo();
    }

    /** The declared shape of a value ({@code -1} for a symbolic dimension). */
    static long[] shape(NodeInfo info) {
        return ((TensorInfo) info.getInfo()).getShape();
    }

    /** The logits of {@code batch}, example after example. */
    float[] logits(Batch batch) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch.images()),
                batch.itemShape().batchOf(batch.size()));
                OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            OnnxTensor out = (OnnxTensor) result.get(OnnxExport.OUTPUT).orElseThrow();
            FloatBuffer values = out.getFloatBuffer();
            float[] logits = new float[values.remaining()];
            values.get(logits);
            return logits;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
