package dev.zoo.bench;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Shape;
import dev.zoo.djl.DjlMxnetBackend;
import dev.zoo.djl.EngineQueue;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The networks written by hand in an engine's own API, the baselines a compiled network's
 * throughput is measured against: ResNet-20 and the lesson CNN in DJL blocks trained with DJL's
 * Trainer, as DL4J graphs trained with {@code ComputationGraph.fit}, and as TensorFlow graphs.
 */
public final class HandWrittenNetworks {

    /** One training step of a hand-written network, SGD momentum 0.9, weight decay 5e-4. */
    public interface Stepper extends AutoCloseable {
        void step(Batch batch);

        /** Logits of {@code batch} in inference mode, or null when this network has no inference pass. */
        default float[] predict(Batch batch) {
            return null;
        }

        /**
         * Returns once the engine has done every operation queued so far. MXNet queues a step's
         * operators and returns before they run, so a round of steps is only timed once its last
         * step is done, and the next round starts with nothing left of this one.
         */
        default void finish() {
        }

        @Override
        void close();
    }

    private HandWrittenNetworks() {
    }

    /**
     * Returns once the engine of {@code backendId} has run every operation queued so far (MXNet
     * queues them; the others are done when they return): the compiled network's side of
     * {@link Stepper#finish}, which the comparison, finding backends by id only, cannot reach itself.
     */
    public static void drain(String backendId) {
        EngineQueue.drain(backendId);
    }

    /** True when the engine of {@code backendId} has a hand-written {@code model}. */
    public static boolean supports(String backendId, String model) {
        return switch (backendId) {
            case "djl-pytorch", "djl-mxnet", "dl4j", "tensorflow" -> model.equals("resnet20")
                    || model.equals("lesson_cnn");
            default -> false;
        };
    }

    /**
     * The hand-written {@code model} for the engine of {@code backendId}, or empty when that engine
     * has none for this model. {@code seed} is the compiled network's: the TensorFlow networks start
     * from its very weights.
     */
    public static Optional<Stepper> of(String backendId, String model, Shape input, int classes, int batchSize,
            double lr, long seed) {
        if (!supports(backendId, model)) {
            return Optional.empty();
        }
        if (backendId.equals("tensorflow")) {
            return Optional.of(model.equals("resnet20") ? HandWrittenTensorflow.resnet20(input, classes, lr, seed)
                    : HandWrittenTensorflow.lessonCnn(input, classes, lr, seed));
        }
        if (!backendId.equals("dl4j")) {
            return Optional.of(djl(backendId,
                    model.equals("resnet20") ? HandWrittenResNet20.build(classes) : HandWrittenLessonCnn.build(classes),
                    input, batchSize, lr));
        }
        return Optional.of(dl4j(model.equals("resnet20") ? HandWrittenDl4j.resnet20(input, classes, lr)
                : HandWrittenDl4j.lessonCnn(input, classes, lr), input, classes));
    }

    private static Stepper djl(String backendId, ai.djl.nn.Block block, Shape input, int batchSize, double lr) {
        String engine = backendId.equals(DjlMxnetBackend.ID) ? "MXNet" : "PyTorch";
        HandWrittenTrainer trainer = new HandWrittenTrainer(engine, block, input, batchSize, (float) lr);
        return new Stepper() {
            @Override
            public void step(Batch b) {
                trainer.step(b.images(), b.labels());
            }

            @Override
            public float[] predict(Batch b) {
                return trainer.predict(b.images());
            }

            @Override
            public void finish() {
                EngineQueue.drain(backendId);
            }

            @Override
            public void close() {
                trainer.close();
            }
        };
    }

    private static Stepper dl4j(ComputationGraph graph, Shape input, int classes) {
        return new Stepper() {
            @Override
            public void step(Batch b) {
                INDArray x = features(b, input);
                INDArray y = Nd4j.zeros(b.size(), classes);
                for (int i = 0; i < b.size(); i++) {
                    y.putScalar(i, b.labels()[i], 1.0);
                }
                graph.fit(new MultiDataSet(x, y));
            }

            @Override
            public float[] predict(Batch b) {
                return graph.output(false, features(b, input))[0].castTo(DataType.FLOAT).dup('c').data().asFloat();
            }

            @Override
            public void close() {
                graph.close();
            }
        };
    }

    private static INDArray features(Batch b, Shape input) {
        return Nd4j.create(b.images(), new long[] {b.size(), input.channels(), input.height(), input.width()}, 'c');
    }
}
