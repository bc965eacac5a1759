package io.ccos.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How events leave a service (the outbox relay) and how consumed events are applied. */
@ConfigMapping(prefix = "ccos.events")
public interface EventsConfig {

    Outbox outbox();

    Consumer consumer();

    Producer producer();

    Direct direct();

    interface Outbox {
        /**
         * Most events one relay transaction reads, sends (pipelined) and marks published. 2000 with 4 lanes per
         * claim published twice as many events per second as 500 with 8 in `./suite bench platform`.
         */
        @WithDefault("2000")
        int batchSize();

        /**
         * How many of the outbox's lanes a relay claims per transaction. Events are spread over 32 lanes by
         * record key; a lane is relayed by one replica at a time, in order, so replicas share the work
         * while each entity's events stay in order.
         */
        @WithDefault("4")
        int lanesPerClaim();

        /** How many lane groups one replica relays at the same time, each on a pooled connection. */
        @WithDefault("4")
        int concurrentBatches();

        /** The safety-net poll (commits wake the relays at once through a PostgreSQL notification). */
        @WithDefault("5s")
        Duration pollInterval();

        /** How long a batch may wait for the broker's acknowledgements before it is rolled back and retried. */
        @WithDefault("10s")
        Duration ackTimeout();

        /**
         * How long published rows stay in the outbox (for inspection) before they are pruned. 0 deletes each
         * row in the transaction that publishes it, which costs the database one write per event instead of
         * two (an update, later a delete): 25-27k events/s published against 23k when marking, in `./suite bench platform`.
         */
        @WithDefault("0s")
        Duration publishedRetention();

        /** How often published outbox rows and old processed-event ids are pruned. */
        @WithDefault("1m")
        Duration pruneInterval();

        /** Most rows one pruning statement deletes, so that pruning never holds long locks. */
        @WithDefault("5000")
        int pruneBatchSize();
    }

    /** Events sent straight to Kafka (io.ccos.platform.events.DirectEvents), with the outbox as spill-over. */
    interface Direct {
        /** Events held in memory waiting for the producer; when it is full, events spill to the outbox. */
        @WithDefault("10000")
        int bufferSize();

        /**
         * How long the sender lets events gather after the first one before it writes and sends them: one
         * wake-up of its thread per batch rather than per event (each cost a context switch on the request's
         * cores). An event that a caller waits on (emitDurably) is sent without it. 0 sends at once.
         */
        @WithDefault("5ms")
        Duration linger();

        /** Events held in memory waiting to be written to the outbox (the database away too); beyond, they are lost. */
        @WithDefault("10000")
        int spillBufferSize();

        /** Most spilled events written to the outbox in one round trip. */
        @WithDefault("500")
        int spillBatchSize();
    }

    /** The outbox's Kafka producer (acks=all and idempotence are fixed: they are what keeps events safe and in order). */
    interface Producer {
        /** How long the producer waits to fill a request; a relay batch is sent at once, so this is rarely waited. */
        @WithDefault("5ms")
        Duration linger();

        /** Most bytes per partition in one produce request. */
        @WithDefault("131072")
        int batchBytes();

        /** none, gzip, snappy, lz4 or zstd. */
        @WithDefault("none")
        String compression();
    }

    interface Consumer {
        /**
         * How long the ids of applied events are kept for idempotence. Must exceed the longest time a
         * record can be redelivered (consumer lag plus the topic's retention for replays).
         */
        @WithDefault("168h")
        Duration processedRetention();

        /** Attempts after the first while the database is unreachable, before the event is dead-lettered. */
        @WithDefault("60")
        int maxRetries();

        /** First delay between attempts; it doubles up to {@link #maxRetryDelay()}. */
        @WithDefault("500ms")
        Duration retryDelay();

        @WithDefault("5s")
        Duration maxRetryDelay();
    }
}
