package io.ccos.platform.paging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list endpoint: at most {@code limit} items after the cursor {@code after} (keyset
 * paging: the cursor is the sort key of the last item of the previous page, so pages stay right while
 * items are added). Cursors are opaque to clients: base64url of the key's values.
 *
 * @param limit how many items, 1 to {@link PagingConfig#maxLimit()}
 * @param after the sort key of the last item already seen, or an empty list for the first page
 */
public record PageRequest(int limit, List<String> after) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The page a request's {@code limit} and {@code after} query parameters ask for (null when absent).
     * The limit comes as text: JAX-RS would answer a non-number with a 404.
     */
    public static PageRequest of(String limit, String after, PagingConfig config) {
        int size;
        try {
            size = limit == null || limit.isEmpty() ? config.defaultLimit() : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > config.maxLimit()) {
            throw new ProblemException(ProblemType.VALIDATION, "limit must be a number from 1 to " + config.maxLimit());
        }
        return new PageRequest(size, after == null || after.isEmpty() ? List.of() : decode(after));
    }

    public boolean first() {
        return after.isEmpty();
    }

    /** The text of the key value at {@code index} of the cursor (its fields are those the endpoint sorts by). */
    public String after(int index) {
        return after(index, value -> value);
    }

    /**
     * The key value at {@code index} of the cursor, parsed;
     * a cursor that does not fit the endpoint is a 400, not a failure.
     */
    public <T> T after(int index, Function<String, T> parse) {
        try {
            return parse.apply(after.get(index));
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.VALIDATION, "after is not a cursor this endpoint gave out");
        }
    }

    /**
     * The HQL condition "after the cursor" for a sort by {@code fields} (ascending, the last one unique):
     * {@code a > ?1 or (a = ?1 and b > ?2)}, with the cursor's values as positional parameters.
     */
    public static String keysetCondition(String... fields) {
        List<String> alternatives = new ArrayList<>();
        for (int last = 0; last < fields.length; last++) {
            StringBuilder alternative = new StringBuilder("(");
            for (int i = 0; i < last; i++) {
                alternative.append(fields[i]).append(" = ?").append(i + 1).append(" and ");
            }
            alternatives.add(alternative.append(fields[last]).append(" > ?").append(last + 1).append(")").toString());
        }
        return "(" + String.join(" or ", alternatives) + ")";
    }

    static String encode(List<String> key) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(key));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a list of strings always serializes
        }
    }

    private static List<String> decode(String cursor) {
        try {
            List<String> key = JSON.readerForListOf(String.class).readValue(Base64.getUrlDecoder().decode(cursor));
            if (key.isEmpty() || key.size() > 8 || key.stream().anyMatch(value -> value == null)) {
                throw new IllegalArgumentException("not a cursor");
            }
            return List.copyOf(key);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new ProblemException(ProblemType.VALIDATION, "after is not a cursor this endpoint gave out");
        }
    }
}
