package dev.slipway.ingestion.adapter.in.web;

import dev.slipway.ingestion.application.port.in.ReceiveWebhook;
import dev.slipway.ingestion.application.port.out.DeliveryNotStorableException;
import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the webhook endpoints' failures into problem details. A request refused at the HTTP level
 * is counted with the other deliveries; a delivery that could not be stored because the database
 * was unavailable is answered 503, never 202, so that the host delivers it again; one the database
 * refused outright is answered 500 and logged as the fault it is.
 */
@RestControllerAdvice(basePackageClasses = WebhookExceptionHandler.class)
class WebhookExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(WebhookExceptionHandler.class);

    private final ReceiveWebhook receiveWebhook;

    WebhookExceptionHandler(ReceiveWebhook receiveWebhook) {
        this.receiveWebhook = receiveWebhook;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(WebhookRefusedException refused, HttpServletRequest request) {
        receiveWebhook.refused(refused.provider(), refused.rejection());
        return WebhookProblems.refusal(refused.rejection(), refused.getMessage(), request.getRequestURI(), null, null);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> storeUnavailable(DeliveryStoreUnavailableException failure,
                                                   HttpServletRequest request) {
        log.warn("webhook delivery answered 503: {}", failure.getMessage());
        return WebhookProblems.databaseUnavailable(request.getRequestURI());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notStorable(DeliveryNotStorableException failure, HttpServletRequest request) {
        log.error("webhook delivery answered 500: the database refused to store it", failure);
        return WebhookProblems.deliveryNotStorable(request.getRequestURI());
    }

    /** Safety net: a database failure that escaped the delivery log's translation is still a 503. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseFailure(RuntimeException failure, HttpServletRequest request) {
        log.warn("webhook delivery answered 503 after a database failure", failure);
        return WebhookProblems.databaseUnavailable(request.getRequestURI());
    }
}
