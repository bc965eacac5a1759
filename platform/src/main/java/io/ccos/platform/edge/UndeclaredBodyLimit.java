package io.ccos.platform.edge;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import jakarta.inject.Provider;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds a request body that declares no length (chunked) while it is read: past ccos.edge.max-body-size
 * the read stops with a 413 problem. A declared Content-Length is judged before the body is read
 * ({@link RequestLimits}); the HTTP server's own limit (quarkus.http.limits.max-body-size, set from
 * ccos.edge.server-max-body-size) stays above this one as a backstop, because its refusal of a chunked body
 * is a bare 413 written from under the REST layer.
 */
@jakarta.ws.rs.ext.Provider
public class UndeclaredBodyLimit implements ReaderInterceptor {

    // Looked up per read: REST providers are built at static init, before configuration mappings exist.
    private final Provider<EdgeConfig> config;

    public UndeclaredBodyLimit(Provider<EdgeConfig> config) {
        this.config = config;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH) == null) {
            context.setInputStream(new BoundedInput(context.getInputStream(), config.get().maxBodySize().asLongValue()));
        }
        return context.proceed();
    }

    /** Counts what is read and refuses the byte past the limit. */
    static final class BoundedInput extends FilterInputStream {

        private final long limit;
        private long read;

        BoundedInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes");
            }
        }
    }
}
