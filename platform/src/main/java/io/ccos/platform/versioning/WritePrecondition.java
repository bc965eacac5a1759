package io.ccos.platform.versioning;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.List;

/**
 * The conditions of a write (RFC 9110 If-Match / If-None-Match) on a versioned resource, whose entity tag
 * is its version ({@code "3"}). Read-modify-write clients send the tag they read, and a write based on a
 * stale version is refused (412) instead of silently overwriting another writer's change.
 *
 * @param ifMatch     the If-Match header, or null
 * @param ifNoneMatch the If-None-Match header, or null
 */
public record WritePrecondition(String ifMatch, String ifNoneMatch) {

    public static final String IF_MATCH = "If-Match";
    public static final String IF_NONE_MATCH = "If-None-Match";

    /** The strong entity tag of a version. */
    public static String tagOf(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Checks the write against the current version ({@code null} when the resource does not exist yet).
     *
     * @param required whether an update of an existing resource must name the version it replaces (428 otherwise)
     */
    public void check(Long current, boolean required) {
        if (ifNoneMatch != null && ifNoneMatch.strip().equals("*") && current != null) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "It already exists (version " + current + "); If-None-Match: * creates only");
        }
        if (ifNoneMatch != null && current != null && tags(ifNoneMatch).contains(tagOf(current))) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "It is at version " + current + ", which If-None-Match excludes");
        }
        if (ifMatch == null) {
            if (required && current != null) {
                throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                        "Name the version this write replaces: If-Match: " + tagOf(current) + " (the ETag of your read)");
            }
            return;
        }
        if (current == null) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "It does not exist, so If-Match cannot hold");
        }
        List<String> tags = tags(ifMatch);
        if (!tags.contains("*") && !tags.contains(tagOf(current))) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "It changed: it is at version " + current + " (ETag " + tagOf(current) + "), not " + String.join(", ", tags));
        }
    }

    /** The entity tags of a header; weak ones (W/"3") are kept as sent and so never match strongly. */
    private static List<String> tags(String header) {
        return Arrays.stream(header.split(",")).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
    }
}
