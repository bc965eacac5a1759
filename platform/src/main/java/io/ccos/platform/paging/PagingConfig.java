package io.ccos.platform.paging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How list endpoints page (ccos.paging.*). */
@ConfigMapping(prefix = "ccos.paging")
public interface PagingConfig {

    /** Items of a page when the request names no limit. */
    @WithDefault("100")
    int defaultLimit();

    /** Most items a request may ask for. */
    @WithDefault("500")
    int maxLimit();
}
