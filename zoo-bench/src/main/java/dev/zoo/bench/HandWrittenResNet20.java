package dev.zoo.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The same ResNet-20 written directly with DJL's blocks, the way a DJL user would: the baseline
 * the compiled network is measured against.
 */
public final class HandWrittenResNet20 {

    private HandWrittenResNet20() {
    }

    public static Block build(int classes) {
        SequentialBlock net = new SequentialBlock()
                .add(conv(16, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        int in = 16;
        for (int out : new int[] {16, 32, 64}) {
            for (int b = 0; b < 3; b++) {
                int stride = out != 16 && b == 0 ? 2 : 1;
                SequentialBlock body = new SequentialBlock()
                        .add(conv(out, stride)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                        .add(conv(out, 1)).add(BatchNorm.builder().build());
                Block shortcut = stride == 1 && in == out ? new LambdaBlock(x -> x) : zeroPad(stride, out - in);
                net.add(new ParallelBlock(branches -> new NDList(Activation.relu(
                        branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()))),
                        List.of(body, shortcut)));
                in = out;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock()).add(Linear.builder().setUnits(classes).build());
    }

    private static Block conv(int filters, int stride) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1)).optBias(false).build();
    }

    private static Block zeroPad(int stride, long extra) {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow().get(new NDIndex(":, :, ::{}, ::{}", stride, stride));
            Shape s = x.getShape();
            NDArray zeros = x.getManager().zeros(new Shape(s.get(0), extra, s.get(2), s.get(3)), x.getDataType());
            return new NDList(NDArrays.concat(new NDList(x, zeros), 1));
        });
    }
}
