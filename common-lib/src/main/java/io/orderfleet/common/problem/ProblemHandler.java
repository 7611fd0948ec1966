package io.orderfleet.common.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.beans.TypeMismatchException;

/**
 * The one place where exceptions become RFC 9457 problem details in the servlet services. Clients
 * see a status, a title and a human detail; never SQL, stack traces or class names.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final long DATABASE_RETRY_AFTER_SECONDS = 2;

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException ex, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(ex.status(), ex.title(), ex.getMessage(), request.getRequestURI());
        ex.properties().forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        ex.headers().forEach(headers::add);
        return problemResponse(problem, headers);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return validationProblem(errors, request.getRequestURI());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
        return problemResponse(Problems.of(HttpStatus.FORBIDDEN, "Forbidden",
                "You are not allowed to do this.", request.getRequestURI()), new HttpHeaders());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleIntegrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        log.info("Request conflicted with a database constraint: {}", rootMessage(ex));
        return problemResponse(Problems.of(HttpStatus.CONFLICT, "Conflict",
                "The request conflicts with the current state of the resource.", request.getRequestURI()),
                new HttpHeaders());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> handleOptimisticLock(OptimisticLockingFailureException ex, HttpServletRequest request) {
        return problemResponse(Problems.of(HttpStatus.CONFLICT, "Conflict",
                "The resource was changed concurrently; reload it and try again.", request.getRequestURI()),
                new HttpHeaders());
    }

    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class,
            TransientDataAccessException.class})
    ResponseEntity<Object> handleTransient(Exception ex, HttpServletRequest request) {
        log.warn("Transient database failure: {}", rootMessage(ex));
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.RETRY_AFTER, "1");
        return problemResponse(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "A temporary failure occurred; retry shortly.", request.getRequestURI()), headers);
    }

    /**
     * The database cannot be reached (down, restarting, pool exhausted past its short timeout): 503 with
     * Retry-After, so a client knows the request did nothing and may be retried.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<Object> handleDatabaseUnavailable(Exception ex, HttpServletRequest request) {
        log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), rootMessage(ex));
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.RETRY_AFTER, Long.toString(DATABASE_RETRY_AFTER_SECONDS));
        return problemResponse(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "A data store of this service is unavailable; retry shortly.", request.getRequestURI()),
                headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
        if (DatabaseOutage.causedBy(ex)) {
            return handleDatabaseUnavailable(ex, request);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return problemResponse(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "An unexpected error occurred.", request.getRequestURI()), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getAllErrors().stream()
                .map(e -> new FieldProblem(e instanceof FieldError fe ? fe.getField() : e.getObjectName(),
                        e.getDefaultMessage()))
                .toList();
        return validationProblem(errors, path(request));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> new FieldProblem(name(r), message(e))))
                .toList();
        return validationProblem(errors, path(request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problemResponse(Problems.of(HttpStatus.BAD_REQUEST, "Malformed request body",
                "The request body is missing or is not valid JSON of the expected shape.", path(request)),
                new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
        return problemResponse(Problems.of(HttpStatus.BAD_REQUEST, "Bad request",
                "Parameter '" + name + "' has an invalid value.", path(request)), new HttpHeaders());
    }

    /** Every problem Spring MVC builds itself (404, 405, 415, ...) gets the fleet's members too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.enrich(problem, path(request));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> validationProblem(List<FieldProblem> errors, String path) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
                errors.isEmpty() ? "The request is invalid." : summary(errors), path);
        problem.setProperty("errors", errors);
        return problemResponse(problem, new HttpHeaders());
    }

    private static String summary(List<FieldProblem> errors) {
        FieldProblem first = errors.getFirst();
        String head = first.field() + ": " + first.message();
        return errors.size() == 1 ? head : head + " (and " + (errors.size() - 1) + " more)";
    }

    static ResponseEntity<Object> problemResponse(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String name(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name != null ? name : "parameter";
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath;
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
