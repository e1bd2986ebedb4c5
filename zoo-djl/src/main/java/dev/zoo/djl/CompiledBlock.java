package dev.zoo.djl;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * A DJL block built from an architecture, with each canonical parameter name
 * ({@code stage1.block1.conv1.weight}) bound to the DJL parameter that holds it.
 *
 * @param block      the root block
 * @param parameters canonical name to DJL parameter, in {@code Architecture.parameters()} order
 * @param dropout    switches the random masks of every dropout in the block
 * @param batchNorms every batch norm of the block, to keep or put back their running statistics after a step
 */
record CompiledBlock(Block block, Map<String, Parameter> parameters, DropoutSwitch dropout,
        List<ExactBatchNorm> batchNorms) {
}
