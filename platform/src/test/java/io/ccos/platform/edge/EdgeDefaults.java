package io.ccos.platform.edge;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;

/** The documented defaults of {@link EdgeConfig}, for unit tests that run without Quarkus. */
final class EdgeDefaults implements EdgeConfig {

    @Override
    public int maxUriLength() {
        return 4096;
    }

    @Override
    public int maxHeaderBytes() {
        return 16384;
    }

    @Override
    public MemorySize maxBodySize() {
        return new MemorySize(BigInteger.valueOf(1024 * 1024));
    }

    @Override
    public boolean acceptHookKeys() {
        return false;
    }

    @Override
    public MemorySize serverMaxBodySize() {
        return new MemorySize(BigInteger.valueOf(16 * 1024 * 1024));
    }

    @Override
    public int maxTokenLength() {
        return 8192;
    }

    @Override
    public Json json() {
        return new Json() {
            @Override
            public int maxDepth() {
                return 64;
            }

            @Override
            public int maxStringLength() {
                return 1_000_000;
            }

            @Override
            public int maxNumberLength() {
                return 1000;
            }
        };
    }
}
