package org.academy.api;

import java.util.Map;

import org.academy.base.InvalidRequestException;
import org.academy.base.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals as JSON, never a stack trace. "Not yours" and "does not exist" both answer 403 with the
 * same sentence: the services deliberately do not tell them apart (ids cannot be probed), and a
 * program holding a valid token asked for something its owner may not read.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    static final String FORBIDDEN = "This does not exist, or this token may not read it.";

    @ExceptionHandler({NotFoundException.class, AccessDeniedException.class})
    ResponseEntity<Map<String, String>> forbidden(RuntimeException e) {
        return body(HttpStatus.FORBIDDEN, "forbidden", FORBIDDEN);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Map<String, String>> unauthorized(AuthenticationException e) {
        return body(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid token is needed.");
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Map<String, String>> invalid(InvalidRequestException e) {
        return body(HttpStatus.BAD_REQUEST, "bad_request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> malformed(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "bad_request", "The parameter " + e.getName() + " is not valid.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse response) {
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            return body(status == null ? HttpStatus.BAD_REQUEST : status, "bad_request", "The request is not valid.");
        }
        log.warn("Integration API request failed", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong.");
    }

    private static ResponseEntity<Map<String, String>> body(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }
}
