package dev.zoo.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.ForwardingNetwork;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.train.SoftmaxRegressionBackend;
import dev.zoo.api.weights.Weights;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract fails backends that break it: it is not a test that cannot fail. */
class TrainingContractTest {

    /**
     * Why the fixtures below are disabled: each is the contract bound to a backend broken on
     * purpose, so run as a suite its checks must fail. They are named classes (not anonymous ones)
     * because the fresh-process resume check re-creates the contract by class name in a new JVM.
     * The tests at the end of this class run their checks and assert that they do fail.
     */
    private static final String BROKEN = "fixture with a deliberately broken backend: its checks must fail, and "
            + "TrainingContractTest asserts that they do";

    @TempDir
    Path dir;

    /** The reference backend with one behaviour broken by a wrapper. */
    private static Backend broken(String id, UnaryOperator<Network> breakIt) {
        Backend inner = new SoftmaxRegressionBackend();
        return new Backend() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "broken for a test";
            }

            @Override
            public void check(Architecture architecture) {
                inner.check(architecture);
            }

            @Override
            public Network compile(Architecture architecture, NetworkOptions options) {
                return breakIt.apply(inner.compile(architecture, options));
            }
        };
    }

    /** Ignores the optimiser state a checkpoint brings back, so momentum restarts from zero. */
    @Disabled(BROKEN)
    static final class ForgetsOptimizerState extends TrainingContract {
        @Override
        protected Backend backend() {
            return broken("forgetful", n -> new ForwardingNetwork(n) {
                @Override
                public void importOptimizerState(Weights state) {
                    // dropped
                }
            });
        }

        @Override
        protected Architecture architecture() {
            return SoftmaxRegressionBackend.architecture();
        }
    }

    /** Adds run-to-run noise to the loss, as unseeded randomness would. */
    @Disabled(BROKEN)
    static final class Nondeterministic extends TrainingContract {
        @Override
        protected Backend backend() {
            return broken("noisy", n -> new ForwardingNetwork(n) {
                @Override
                public double trainStep(Batch batch, double learningRate) {
                    return super.trainStep(batch, learningRate) + Math.random() * 1e-9;
                }
            });
        }

        @Override
        protected Architecture architecture() {
            return SoftmaxRegressionBackend.architecture();
        }
    }

    /** Trains one network at a time per JVM, as DJL's gradient collector did, and refuses a second. */
    @Disabled(BROKEN)
    static final class OneAtATimePerJvm extends TrainingContract {
        private static final java.util.concurrent.atomic.AtomicBoolean TRAINING =
                new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        protected Backend backend() {
            return broken("one-at-a-time", n -> new ForwardingNetwork(n) {
                @Override
                public double trainStep(Batch batch, double learningRate) {
                    if (!TRAINING.compareAndSet(false, true)) {
                        throw new IllegalStateException("another network of this JVM is training");
                    }
                    try {
                        Thread.sleep(20);
                        return super.trainStep(batch, learningRate);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    } finally {
                        TRAINING.set(false);
                    }
                }
            });
        }

        @Override
        protected Architecture architecture() {
            return SoftmaxRegressionBackend.architecture();
        }
    }

    @Test
    void aBackendThatTrainsOneNetworkAtATimePerJvmFailsTheTwoThreadsCheck() {
        OneAtATimePerJvm contract = new OneAtATimePerJvm();
        contract.dir = dir;
        assertThatThrownBy(contract::twoNetworksTrainedOnTwoNewThreadsAtOnceEndWhereTheyEndOneAfterTheOther)
                .hasRootCauseMessage("another network of this JVM is training");
    }

    @Test
    void aBackendThatDropsItsOptimizerStateFailsTheFreshProcessResume() {
        ForgetsOptimizerState contract = new ForgetsOptimizerState();
        contract.dir = dir;
        assertThatThrownBy(contract::tenStepsStraightEqualFiveStepsThenAFreshProcessResumingForFive)
                .isInstanceOf(AssertionError.class).hasMessageContaining("then 5 more in a fresh process");
    }

    @Test
    void aNondeterministicBackendFailsTheSameSeedCheck() {
        Nondeterministic contract = new Nondeterministic();
        contract.dir = dir;
        assertThatThrownBy(contract::theSameSeedGivesIdenticalLosses).isInstanceOf(AssertionError.class);
    }
}
