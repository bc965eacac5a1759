package io.ccos.platform.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The 201 answer of a create: the new resource in the body, its path in {@code Location}. The path is
 * relative (RFC 9110 allows it) and set as a plain header: JAX-RS would make it absolute with the caller's
 * Host header, which a client can set to anything.
 */
public final class Created {

    private Created() {
    }

    public static Response at(UriInfo request, Object id, Object entity) {
        String collection = request.getPath();
        String location = (collection.endsWith("/") ? collection : collection + "/") + id;
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, location).entity(entity).build();
    }
}
