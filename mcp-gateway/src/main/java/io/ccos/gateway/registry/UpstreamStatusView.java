package io.ccos.gateway.registry;

import io.ccos.gateway.upstream.UpstreamStatus;
import java.util.UUID;

/**
 * A registered server's health as one replica sees it ({@code GET /api/v1/upstreams/{id}/status}).
 *
 * @param replica the replica that answered (its host name: the pod's name on Kubernetes)
 */
public record UpstreamStatusView(UUID id, String name, String replica, UpstreamStatus status) {
}
