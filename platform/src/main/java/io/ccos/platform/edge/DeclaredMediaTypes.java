package io.ccos.platform.edge;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request body must be of a media type its endpoint declares, exactly: {@code application/json} unless
 * the endpoint's {@code @Consumes} names others. JAX-RS alone would also take a wildcard type,
 * {@code application/merge-patch+json} or any {@code +json} type as JSON, and a client could not tell
 * that its merge patch was read as a whole document. A charset other than UTF-8 is refused as well.
 */
public class DeclaredMediaTypes {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    private static final List<MediaType> JSON_ONLY = List.of(MediaType.APPLICATION_JSON_TYPE);

    private final Map<Method, List<MediaType>> declaredByEndpoint = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void requireDeclaredMediaType(ContainerRequestContext request, ResourceInfo resource) {
        if (!WITH_BODY.contains(request.getMethod()) || !request.hasEntity() || resource == null || resource.getResourceMethod() == null) {
            return;
        }
        String refusal = refusal(request.getMediaType(), declared(resource));
        if (refusal != null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, refusal);
        }
    }

    /** Why a body of media type {@code sent} (null: none named) is refused by an endpoint declaring {@code declared}; null if it is not. */
    public static String refusal(MediaType sent, List<MediaType> declared) {
        if (sent == null || sent.isWildcardType() || sent.isWildcardSubtype() || declared.stream().noneMatch(type -> sameType(type, sent))) {
            return "The body must be sent as "
                    + String.join(" or ", declared.stream().map(type -> type.getType() + "/" + type.getSubtype()).toList())
                    + (sent == null ? "; the request names no Content-Type" : ", not " + sent.getType() + "/" + sent.getSubtype());
        }
        String charset = sent.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            return "The body must be UTF-8, not " + charset;
        }
        return null;
    }

    /** What each endpoint declares, computed once per endpoint. */
    private List<MediaType> declared(ResourceInfo resource) {
        return declaredByEndpoint.computeIfAbsent(resource.getResourceMethod(), method -> {
            Consumes consumes = method.isAnnotationPresent(Consumes.class)
                    ? method.getAnnotation(Consumes.class)
                    : resource.getResourceClass().getAnnotation(Consumes.class);
            return consumes == null ? JSON_ONLY : Arrays.stream(consumes.value())
                    .flatMap(value -> Arrays.stream(value.split(",")))
                    .map(value -> MediaType.valueOf(value.strip()))
                    .toList();
        });
    }

    private static boolean sameType(MediaType declared, MediaType sent) {
        return declared.getType().equalsIgnoreCase(sent.getType()) && declared.getSubtype().equalsIgnoreCase(sent.getSubtype());
    }
}
