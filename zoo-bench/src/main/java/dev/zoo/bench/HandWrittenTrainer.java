package dev.zoo.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;

/**
 * Trains a hand-written DJL block with DJL's own {@link Trainer}, softmax cross-entropy and SGD
 * with momentum: the idiomatic DJL training step the compiled network is compared with.
 */
public final class HandWrittenTrainer implements AutoCloseable {

    private final Model model;
    private final Trainer trainer;
    private final Shape input;

    public HandWrittenTrainer(String engine, Block block, dev.zoo.api.spec.Shape item, int batchSize, float lr) {
        model = Model.newInstance("hand-written", Device.cpu(), engine);
        model.setBlock(block);
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).optMomentum(0.9f)
                .optWeightDecays(5e-4f).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd)
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        input = new Shape(batchSize, item.channels(), item.height(), item.width());
        trainer.initialize(input);
    }

    /** Number of scalars in the block's parameters, batch-norm statistics included. */
    public long parameterCount() {
        return model.getBlock().getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** One training step on {@code images} (NCHW) and {@code labels}. */
    public void step(float[] images, int[] labels) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            float[] y = new float[labels.length];
            for (int i = 0; i < labels.length; i++) {
                y[i] = labels[i];
            }
            Batch batch = new Batch(manager, new NDList(manager.create(images, input)),
                    new NDList(manager.create(y)), labels.length, Batchifier.STACK, Batchifier.STACK, 0, 1);
            EasyTrain.trainBatch(trainer, batch);
            trainer.step();
        }
    }

    /** Logits of {@code images} (NCHW) through the block in inference mode, as DJL's {@link Trainer#evaluate} runs it. */
    public float[] predict(float[] images) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            return trainer.evaluate(new NDList(manager.create(images, input))).singletonOrThrow().toFloatArray();
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
