package dev.zoo.tensorflow;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.Initializer;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/** The {@code tensorflow} backend: TensorFlow Java graphs on TensorFlow's native kernels. */
public final class TensorflowBackend implements Backend {

    public static final String ID = "tensorflow";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "TensorFlow Java on TensorFlow " + TensorFlow.version();
    }

    @Override
    public void check(Architecture architecture) {
        // every layer kind compiles; building the blocks in a scratch graph proves it for this tree
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            new TfCompiler<>(architecture, Layout.of(architecture), new GraphArithmetic<>(tf, TFloat32.class),
                    new ParameterVariables<>(architecture, tf, TFloat32.class)).compile();
        }
    }

    @Override
    public Network compile(Architecture architecture, NetworkOptions options) {
        check(architecture);
        ConfigProto config = DeviceChoice.config(options.device());
        return options.precision() == Precision.FLOAT64
                ? compile(architecture, options, TFloat64.class, config)
                : compile(architecture, options, TFloat32.class, config);
    }

    private static <T extends TNumber> Network compile(Architecture architecture, NetworkOptions options, Class<T> type,
            ConfigProto config) {
        TfGraph<T> graph = new TfGraph<>(architecture, type, options.optimizer());
        Session session = null;
        try {
            session = new Session(graph.graph(), config);
            TfNetwork<T> network = new TfNetwork<>(architecture, options.optimizer(), options.seed(), graph, session);
            network.importWeights(Initializer.seeded(architecture, options.seed()));
            return network;
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            graph.graph().close();
            throw e;
        }
    }
}
