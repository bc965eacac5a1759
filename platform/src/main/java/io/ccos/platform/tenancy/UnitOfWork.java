package io.ccos.platform.tenancy;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs work that is not an HTTP request (a consumed event, a scheduled job) as a unit of work of its own: on
 * a new Vert.x duplicated context, flagged safe for Hibernate Reactive, to which a tenant can be bound
 * ({@link CallerTenant#actAs}) without reaching any other unit of work.
 */
public final class UnitOfWork {

    private UnitOfWork() {
    }

    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<? extends T>> work) {
        Context current = Vertx.currentContext();
        Context context = VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().<T>emitter(done -> context.runOnContext(start ->
                Uni.createFrom().<T>deferred(work).subscribe().with(done::complete, done::fail)));
    }
}
