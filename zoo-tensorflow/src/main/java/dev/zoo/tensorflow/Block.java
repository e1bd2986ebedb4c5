package dev.zoo.tensorflow;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TNumber;

/** One compiled node: builds its part of a forward pass from its input (NHWC for images). */
@FunctionalInterface
interface Block<T extends TNumber> {

    Operand<T> forward(Operand<T> x, ForwardContext<T> context);
}
