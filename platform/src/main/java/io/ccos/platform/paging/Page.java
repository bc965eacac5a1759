package io.ccos.platform.paging;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A page of items and the cursor of the next one (null on the last page). Stores read {@code limit + 1}
 * rows: the extra one only tells that there is more.
 */
public record Page<T>(List<T> items, String next) {

    /** The page from {@code rows} read with a limit of {@code request.limit() + 1}; {@code key} gives an item's sort key. */
    public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, List<String>> key) {
        if (rows.size() <= request.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(items, PageRequest.encode(key.apply(items.getLast())));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }

    /**
     * The page as a list endpoint answers it: the items as a JSON array (what clients of an unpaged list
     * expect) and, when there is more, {@code Link: <...?limit=N&after=CURSOR>; rel="next"} (RFC 8288) with
     * the request's own path, never built from the caller's Host header.
     */
    public RestResponse<List<T>> response(PageRequest request, UriInfo uri) {
        RestResponse.ResponseBuilder<List<T>> response = RestResponse.ResponseBuilder.ok(items);
        if (next != null) {
            response.header("Link", "<" + uri.getPath() + "?limit=" + request.limit() + "&after=" + next + ">; rel=\"next\"");
        }
        return response.build();
    }
}
