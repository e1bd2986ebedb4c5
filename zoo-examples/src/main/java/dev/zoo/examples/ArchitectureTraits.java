package dev.zoo.examples;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.ActivationKind;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.NodeShape;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.Residual;

/**
 * The design ideas the lesson names, counted in an architecture's spec tree rather than asserted:
 * ReLU non-linearities and dropout (AlexNet), overlapping pooling (window larger than its stride,
 * AlexNet), stacks of 3x3 convolutions (VGG), batch norm and residual blocks (ResNet).
 *
 * @param relus           ReLU layers, counting the ReLU after each residual add
 * @param dropouts        dropout layers
 * @param overlappingPools pooling layers whose window is larger than their stride
 * @param convs           convolution layers
 * @param convs3x3        of those, with a 3x3 kernel
 * @param batchNorms      batch-norm layers
 * @param residualBlocks  residual blocks (skip connections)
 * @param localResponseNorms local response normalisation layers
 */
public record ArchitectureTraits(int relus, int dropouts, int overlappingPools, int convs, int convs3x3, int batchNorms,
        int residualBlocks, int localResponseNorms) {

    /** Counts the traits of every node of {@code architecture}. */
    public static ArchitectureTraits of(Architecture architecture) {
        int relus = 0;
        int dropouts = 0;
        int overlapping = 0;
        int convs = 0;
        int convs3x3 = 0;
        int bns = 0;
        int residuals = 0;
        int lrns = 0;
        for (NodeShape node : architecture.nodes()) {
            Layer layer = node.layer();
            if (layer instanceof Activation a && a.function() == ActivationKind.RELU) {
                relus++;
            } else if (layer instanceof Residual r) {
                residuals++;
                relus += r.activation() == ActivationKind.RELU ? 1 : 0;
            } else if (layer instanceof Dropout) {
                dropouts++;
            } else if (layer instanceof Pool p && p.kernel() > p.stride()) {
                overlapping++;
            } else if (layer instanceof Conv2d c) {
                convs++;
                convs3x3 += c.kernel() == 3 ? 1 : 0;
            } else if (layer instanceof BatchNorm) {
                bns++;
            } else if (layer instanceof LocalResponseNorm) {
                lrns++;
            }
        }
        return new ArchitectureTraits(relus, dropouts, overlapping, convs, convs3x3, bns, residuals, lrns);
    }
}
