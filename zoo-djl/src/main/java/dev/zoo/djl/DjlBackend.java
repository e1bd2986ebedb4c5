package dev.zoo.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.Initializer;

/**
 * A zoo backend on one DJL engine. DJL is forced offline ({@code ai.djl.offline=true}) so it never
 * downloads native libraries: they must come from the classpath.
 */
abstract class DjlBackend implements Backend {

    private final String id;
    private final String engineName;
    private final GradientReset gradientReset;

    DjlBackend(String id, String engineName, GradientReset gradientReset) {
        this.id = id;
        this.engineName = engineName;
        this.gradientReset = gradientReset;
    }

    @Override
    public String id() {
        return id;
    }

    /** The DJL engine, loaded on first use. */
    Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Engine engine;
        try {
            engine = Engine.getEngine(engineName);
        } catch (RuntimeException e) {
            throw new IllegalStateException(id + ": DJL engine " + engineName
                    + " could not be loaded (are its native libraries on the classpath?): " + e.getMessage(), e);
        }
        configureNativeLogging();
        return engine;
    }

    /** Sets the engine's native log level once its libraries are loaded; nothing by default. */
    void configureNativeLogging() {
    }

    @Override
    public String description() {
        return "Deep Java Library " + Engine.getDjlVersion() + " on " + engineName + " " + engine().getVersion();
    }

    @Override
    public void check(Architecture architecture) {
        // Every layer kind compiles on both engines (local response normalisation is built from
        // tensor operations); compiling the block tree without initialising it proves it.
        DjlCompiler.compile(architecture);
    }

    @Override
    public Network compile(Architecture architecture, NetworkOptions options) {
        check(architecture);
        Engine engine = engine();
        engine.setRandomSeed(Long.hashCode(options.seed()));
        NDManager manager = engine.newBaseManager(DeviceChoice.choose(id, engine, options.device()));
        try {
            DataType dataType = options.precision() == Precision.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
            DjlNetwork network = new DjlNetwork(architecture, id, manager, DjlCompiler.compile(architecture),
                    dataType, options.optimizer(), gradientReset);
            network.importWeights(Initializer.seeded(architecture, options.seed()));
            return network;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
