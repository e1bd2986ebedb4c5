package dev.zoo.api.spec;

/**
 * The skip path of a {@link Residual}. He et al. 2015 name three: identity (shapes already
 * agree), option A (zero-padding identity: subsample by the stride and append zero channels; no
 * parameters) and option B (a projection, normally a 1x1 convolution plus batch norm).
 */
public sealed interface Shortcut {

    /** Double dispatch, so every place that handles shortcuts must handle a new kind to compile. */
    <R> R accept(Visitor<R> visitor);

    /** One method per shortcut kind. */
    interface Visitor<R> {
        R identity(Identity identity);

        R zeroPad(ZeroPad zeroPad);

        R projection(Projection projection);
    }

    /** The input passes unchanged. */
    record Identity() implements Shortcut {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.identity(this);
        }
    }

    /**
     * Option A: {@code x[:, :, ::stride, ::stride]} with {@code outChannels - inChannels} zero
     * channels appended after the input channels.
     */
    record ZeroPad(int stride, int outChannels) implements Shortcut {
        public ZeroPad {
            if (stride < 1 || outChannels < 1) {
                throw new IllegalArgumentException("zero-pad shortcut: stride and outChannels must be >= 1, got "
                        + stride + " and " + outChannels);
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.zeroPad(this);
        }
    }

    /** Option B: a learned projection; its nodes live under the path {@code <residual>.shortcut}. */
    record Projection(Sequential layers) implements Shortcut {
        public Projection {
            if (layers == null || !layers.name().equals("shortcut")) {
                throw new IllegalArgumentException("projection shortcut: its Sequential must be named 'shortcut'");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.projection(this);
        }
    }

    static Shortcut identity() {
        return new Identity();
    }
}
