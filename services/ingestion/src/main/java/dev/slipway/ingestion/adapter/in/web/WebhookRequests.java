package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.application.port.in.WebhookDelivery;
import dev.slipway.ingestion.domain.BodyEncoding;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.WebhookHeaders;
import dev.slipway.ingestion.domain.WebhookLimits;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The HTTP-level checks that every provider's webhook endpoint makes, in the order they are made:
 * media type, declared length, required headers, then the body, read raw and never past the limit.
 *
 * <p>The body is read from the servlet's input stream, never through request parameters or a
 * message converter: both would decode a form body and re-encode it, and the signature is over
 * the bytes as sent.
 */
final class WebhookRequests {

    private WebhookRequests() {
    }

    /** How the body carries its JSON, from the Content-Type; anything else is refused with 415. */
    static BodyEncoding encodingOf(HttpServletRequest request, String provider) {
        String contentType = request.getContentType();
        if (contentType == null || contentType.isBlank()) {
            throw unsupported(provider, "the request has no Content-Type");
        }
        MediaType mediaType;
        try {
            mediaType = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw unsupported(provider, "the Content-Type '" + contentType + "' cannot be parsed");
        }
        if (mediaType.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
            return BodyEncoding.JSON;
        }
        if (mediaType.equalsTypeAndSubtype(MediaType.APPLICATION_FORM_URLENCODED)) {
            return BodyEncoding.FORM;
        }
        throw unsupported(provider, "the Content-Type is " + mediaType);
    }

    /** Refuses with 413 a body whose declared length is over the limit, before reading any of it. */
    static void checkDeclaredLength(HttpServletRequest request, String provider) {
        long declared = request.getContentLengthLong();
        if (declared > WebhookLimits.MAX_BODY_BYTES) {
            throw tooLarge(provider, "the body is " + declared + " bytes");
        }
    }

    /**
     * The value of the first of {@code names} that the request carries (some hosts send the same
     * header under more than one name), refused with 400 when none is present or the value is
     * blank or absurdly long.
     */
    static String requiredHeader(HttpServletRequest request, List<String> names, String provider) {
        for (String name : names) {
            String value = request.getHeader(name);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (value.length() > WebhookDelivery.MAX_DELIVERY_ID_LENGTH) {
                throw new WebhookRefusedException(provider, Rejection.MISSING_HEADER, "the " + name + " header is "
                        + value.length() + " characters long; at most " + WebhookDelivery.MAX_DELIVERY_ID_LENGTH
                        + " are accepted");
            }
            return value.strip();
        }
        String wanted = names.size() == 1 ? names.getFirst()
                : names.getFirst() + " (or " + String.join(" or ", names.subList(1, names.size())) + ")";
        throw new WebhookRefusedException(provider, Rejection.MISSING_HEADER, "the request has no " + wanted
                + " header; every " + provider + " webhook delivery carries one, so this did not come from "
                + provider + " or was changed on the way");
    }

    /**
     * The whole body. At most the limit plus one byte is ever held: a body with a known length is
     * read into an array of exactly that length (already checked against the limit), and a body
     * without one (chunked) is read until it passes the limit, then refused with 413.
     */
    static byte[] readBody(HttpServletRequest request, String provider) {
        long declared = request.getContentLengthLong();
        try {
            InputStream in = request.getInputStream();
            if (declared >= 0) {
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                if (read < body.length) {
                    throw new WebhookRefusedException(provider, Rejection.UNREADABLE_BODY, "the body ended after "
                            + read + " of the " + declared + " bytes that Content-Length announced");
                }
                return body;
            }
            byte[] body = in.readNBytes(WebhookLimits.MAX_BODY_BYTES + 1);
            if (body.length > WebhookLimits.MAX_BODY_BYTES) {
                throw tooLarge(provider, "the body is longer than that");
            }
            return body;
        } catch (IOException e) {
            // Most often the sender went away mid-body, and nobody reads the answer; it is counted all the same.
            throw new WebhookRefusedException(provider, Rejection.UNREADABLE_BODY, "the body could not be read to "
                    + "its end: " + e.getMessage());
        }
    }

    /** Every request header, by name, with all its values. */
    static WebhookHeaders headersOf(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return WebhookHeaders.of(headers);
    }

    private static WebhookRefusedException unsupported(String provider, String what) {
        return new WebhookRefusedException(provider, Rejection.UNSUPPORTED_MEDIA_TYPE, what
                + "; send application/json, or application/x-www-form-urlencoded with the JSON in the payload field");
    }

    private static WebhookRefusedException tooLarge(String provider, String what) {
        return new WebhookRefusedException(provider, Rejection.PAYLOAD_TOO_LARGE, what + "; bodies over "
                + WebhookLimits.MAX_BODY_BYTES + " bytes (25 MB) are refused, as the git hosts themselves do not send them");
    }
}
